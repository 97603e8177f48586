package io.bactrian.channel;

import java.time.Duration;
import java.util.Collection;

/**
 * How one attempt to deliver an alert ended. Callers retry only RETRY, and wait at least
 * {@code retryAfter} when the service said how long.
 *
 * @param outcome    DELIVERED, RETRY or PERMANENT
 * @param reason     one line for people; never holds a secret; empty when delivered
 * @param retryAfter how long the service asked us to wait; null when it did not say
 */
public record Delivery(Outcome outcome, String reason, Duration retryAfter) {

    public enum Outcome { DELIVERED, RETRY, PERMANENT }

    private static final Delivery DELIVERED = new Delivery(Outcome.DELIVERED, "", null);

    public static Delivery delivered() {
        return DELIVERED;
    }

    public static Delivery retry(String reason) {
        return new Delivery(Outcome.RETRY, reason, null);
    }

    public static Delivery retry(String reason, Duration after) {
        return new Delivery(Outcome.RETRY, reason, after);
    }

    public static Delivery permanent(String reason) {
        return new Delivery(Outcome.PERMANENT, reason, null);
    }

    /** Services sometimes echo what they were sent; a secret must not reach a log that way. */
    public Delivery redact(Collection<String> secrets) {
        String clean = reason;
        for (String secret : secrets) {
            if (secret != null && !secret.isBlank()) {
                clean = clean.replace(secret, "***");
            }
        }
        return clean.equals(reason) ? this : new Delivery(outcome, clean, retryAfter);
    }
}
