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
        String clean = redact(reason, secrets);
        return clean.equals(reason) ? this : new Delivery(outcome, clean, retryAfter);
    }

    /** {@code text} with each of {@code secrets} as ***. */
    public static String redact(String text, Collection<String> secrets) {
        String clean = text;
        for (String secret : secrets) {
            if (clean != null && secret != null && !secret.isBlank()) {
                clean = clean.replace(secret, "***");
            }
        }
        return clean;
    }
}
