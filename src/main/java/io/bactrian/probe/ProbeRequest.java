package io.bactrian.probe;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What to probe and how. Build one with {@link #builder(String)}; the defaults are those of a
 * browser-like check: GET, follow up to 10 redirects, verify TLS, 10 s budget, 1 MiB of body.
 *
 * @param url             http or https URL
 * @param method          request method, upper case
 * @param headers         extra request headers, sent in this order; they replace the default
 *                        User-Agent, Accept and Host
 * @param body            request body sent as UTF-8, or null for none
 * @param connectTimeout  limit for the TCP connect of each hop
 * @param timeout         overall deadline of the whole probe, redirects included
 * @param followRedirects whether 301/302/303/307/308 responses are followed
 * @param maxRedirects    how many redirects may be followed before the probe fails
 * @param verifyTls       check the certificate chain against the JVM trust store and the host name
 * @param maxBodyBytes    how much of the response body is read; the rest is left unread
 */
public record ProbeRequest(URI url, String method, Map<String, String> headers, String body,
                           Duration connectTimeout, Duration timeout, boolean followRedirects,
                           int maxRedirects, boolean verifyTls, int maxBodyBytes) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_REDIRECTS = 10;
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    public ProbeRequest {
        requireProbeable(url);
        Objects.requireNonNull(method, "method");
        if (!method.matches("[A-Z]+")) {
            throw new IllegalArgumentException("not an HTTP method: " + method);
        }
        headers.forEach((name, value) -> {
            // a CR or LF would let a header value inject further headers or a second request
            if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") || value.matches("(?s).*[\r\n\0].*")) {
                throw new IllegalArgumentException("invalid request header: " + name);
            }
        });
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(timeout, "timeout");
        if (maxRedirects < 0 || maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxRedirects and maxBodyBytes must not be negative");
        }
    }

    /** Also applied to redirect targets. */
    static void requireProbeable(URI url) {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("only http and https URLs can be probed: " + url);
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("URL has no host: " + url);
        }
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    public static Builder builder(String url) {
        return new Builder(URI.create(url));
    }

    public static Builder builder(URI url) {
        return new Builder(url);
    }

    /** A GET of the URL with all defaults. */
    public static ProbeRequest of(String url) {
        return builder(url).build();
    }

    public static final class Builder {
        private final URI url;
        private String method = "GET";
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String body;
        private Duration connectTimeout = DEFAULT_TIMEOUT;
        private Duration timeout = DEFAULT_TIMEOUT;
        private boolean followRedirects = true;
        private int maxRedirects = DEFAULT_MAX_REDIRECTS;
        private boolean verifyTls = true;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

        private Builder(URI url) {
            this.url = url;
        }

        public Builder method(String method) {
            this.method = method;
            return this;
        }

        public Builder header(String name, String value) {
            headers.put(name, Objects.requireNonNull(value, "header value"));
            return this;
        }

        public Builder headers(Map<String, String> headers) {
            headers.forEach(this::header);
            return this;
        }

        public Builder body(String body) {
            this.body = body;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder followRedirects(boolean followRedirects) {
            this.followRedirects = followRedirects;
            return this;
        }

        public Builder maxRedirects(int maxRedirects) {
            this.maxRedirects = maxRedirects;
            return this;
        }

        public Builder verifyTls(boolean verifyTls) {
            this.verifyTls = verifyTls;
            return this;
        }

        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        public ProbeRequest build() {
            return new ProbeRequest(url, method, headers, body, connectTimeout, timeout,
                    followRedirects, maxRedirects, verifyTls, maxBodyBytes);
        }
    }
}
