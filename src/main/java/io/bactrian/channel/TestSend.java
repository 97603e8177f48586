package io.bactrian.channel;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How a test alert sent straight through a channel ended, for the person who asked: what the
 * service answered (an HTTP service's status and the start of its body), or why it failed, one
 * line without the channel's secrets.
 *
 * @param channel   e.g. webhook
 * @param delivered whether the service took it
 * @param answer    e.g. {@code HTTP 200: {"errcode":0}} or {@code network error: ConnectException}
 */
public record TestSend(String channel, boolean delivered, String answer) {
    /** The most characters of a service's body shown. */
    static final int EXCERPT = 300;

    /** From the attempt and the last HTTP answer heard on the way (null for none, as mail has). */
    static TestSend of(String channel, Delivery delivery, HttpPoster.Reply reply, Collection<String> secrets) {
        boolean delivered = delivery.outcome() == Delivery.Outcome.DELIVERED;
        List<String> masks = withUrlParts(secrets);
        String reason = delivery.reason() == null ? "" : delivery.reason();
        // masked before it is cut: a secret across the cut would otherwise show its first part
        String heard = reply == null ? "" : "HTTP " + reply.status() + (reply.body() == null || reply.body().isBlank()
                ? "" : ": " + excerpt(Delivery.redact(reply.body(), masks)));
        String answer;
        if (heard.isEmpty()) {
            answer = reason.isEmpty() ? "delivered" : reason;
        } else {
            // "HTTP 500" as the reason says again what the heard answer says
            answer = reason.isEmpty() || reason.startsWith("HTTP " + reply.status()) ? heard : reason + "; " + heard;
        }
        return new TestSend(channel, delivered, Delivery.redact(answer, masks));
    }

    /**
     * The secrets, and of each that is a URL its path, its path with the query and each query value: a
     * service that names the request it refused echoes those, not the whole URL.
     */
    static List<String> withUrlParts(Collection<String> secrets) {
        List<String> all = new ArrayList<>(secrets);
        for (String secret : secrets) {
            try {
                URI uri = URI.create(secret.strip());
                if (uri.getRawPath() != null && uri.getRawPath().length() > 1) { // a token in the path
                    all.add(uri.getRawPath());
                }
                if (uri.getRawQuery() != null) {
                    all.add(uri.getRawPath() + "?" + uri.getRawQuery());
                    for (String pair : uri.getRawQuery().split("&")) {
                        String value = pair.substring(pair.indexOf('=') + 1);
                        if (value.length() >= 8) { // a key, not a flag such as debug=1
                            all.add(value);
                        }
                    }
                }
            } catch (IllegalArgumentException notUrl) {
                // a password or header, redacted as it is
            }
        }
        // the longest first, so a URL is masked whole before a part of it is
        all.sort((a, b) -> b.length() - a.length());
        return all;
    }

    private static String excerpt(String body) {
        String line = body.strip().replaceAll("\\s+", " ");
        return line.length() <= EXCERPT ? line : line.substring(0, EXCERPT) + "...";
    }
}
