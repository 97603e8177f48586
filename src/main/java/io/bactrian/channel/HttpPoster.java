package io.bactrian.channel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Sends one request to a service and turns everything that can go wrong on the way into a
 * {@link Delivery}: timeouts, network errors, 429 and 5xx are RETRY for every service, so each
 * sender only judges the answers its service gives.
 */
public final class HttpPoster {

    /** What the service answered. */
    public record Reply(int status, String body, Duration retryAfter) {
    }

    private final HttpClient client;
    private final Duration requestTimeout;
    private final Consumer<Reply> heard;

    public HttpPoster(Duration connectTimeout, Duration requestTimeout) {
        // HTTP/1.1: some webhook gateways mishandle the h2c upgrade the JDK client would offer
        this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build(), requestTimeout, reply -> { });
    }

    private HttpPoster(HttpClient client, Duration requestTimeout, Consumer<Reply> heard) {
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.heard = heard;
    }

    /** The same poster, telling {@code listener} each answer as the service gave it, e.g. for a test send to show. */
    public HttpPoster hearing(Consumer<Reply> listener) {
        return new HttpPoster(client, requestTimeout, listener);
    }

    /** 5 s to connect, 10 s for the whole answer. */
    public static HttpPoster defaults() {
        return new HttpPoster(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    /**
     * @param body    sent as UTF-8; null sends no body
     * @param judge   classifies the answers that are neither 429 nor 5xx
     * @param secrets removed from the reason, whatever produced it
     */
    public Delivery send(String method, URI uri, Map<String, String> headers, String body, Function<Reply, Delivery> judge,
                  Collection<String> secrets) {
        return exchange(method, uri, headers, body, judge, secrets).redact(secrets);
    }

    private Delivery exchange(String method, URI uri, Map<String, String> headers, String body,
                              Function<Reply, Delivery> judge, Collection<String> secrets) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            return Delivery.retry("timed out");
        } catch (IOException e) {
            // the exception's message can hold the URL, and some URLs are credentials
            return Delivery.retry("network error: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Delivery.retry("interrupted");
        }
        Reply reply = new Reply(response.statusCode(), response.body(),
                response.headers().firstValue("Retry-After").map(HttpPoster::seconds).orElse(null));
        heard.accept(new Reply(reply.status(), Delivery.redact(reply.body(), secrets), reply.retryAfter()));
        if (reply.status() == 429 || reply.status() >= 500) {
            return Delivery.retry("HTTP " + reply.status(), reply.retryAfter());
        }
        return judge.apply(reply);
    }

    /** Retry-After in seconds; the HTTP-date form is not used by these services. */
    private static Duration seconds(String value) {
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
