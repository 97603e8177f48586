package io.bactrian.channel;

import java.util.List;

/**
 * One attempt to deliver a channel's queued alerts, for the delivery route's log line.
 *
 * @param channel      the channel, e.g. wecom or mail
 * @param alerts       what went out together, oldest first, e.g. "DOWN shop"
 * @param delivery     how it ended; its reason never holds a secret
 * @param failedBefore whether the channel's attempt before this failed one failed too: the
 *                     log warns once when a service becomes unreachable, not at every try
 */
public record Attempt(String channel, List<String> alerts, Delivery delivery, boolean failedBefore) {

    public Attempt(String channel, List<String> alerts, Delivery delivery) {
        this(channel, alerts, delivery, false);
    }

    /** DELIVERED, RETRY or PERMANENT. */
    public String outcome() {
        return delivery.outcome().name();
    }

    public String reason() {
        return delivery.reason();
    }

    /** "DOWN shop" or "DOWN shop, RESOLVED db (2 alerts)". */
    public String summary() {
        String names = alerts.size() <= 5 ? String.join(", ", alerts)
                : String.join(", ", alerts.subList(0, 5)) + ", ...";
        return alerts.size() == 1 ? names : names + " (" + alerts.size() + " alerts)";
    }
}
