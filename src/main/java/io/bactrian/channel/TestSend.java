package io.bactrian.channel;

import java.util.Collection;

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
        String reason = delivery.reason() == null ? "" : delivery.reason();
        String heard = reply == null ? "" : "HTTP " + reply.status() + (reply.body() == null || reply.body().isBlank()
                ? "" : ": " + excerpt(reply.body()));
        String answer;
        if (heard.isEmpty()) {
            answer = reason.isEmpty() ? "delivered" : reason;
        } else {
            // "HTTP 500" as the reason says again what the heard answer says
            answer = reason.isEmpty() || reason.startsWith("HTTP " + reply.status()) ? heard : reason + "; " + heard;
        }
        return new TestSend(channel, delivered, Delivery.redact(answer, secrets));
    }

    private static String excerpt(String body) {
        String line = body.strip().replaceAll("\\s+", " ");
        return line.length() <= EXCERPT ? line : line.substring(0, EXCERPT) + "...";
    }
}
