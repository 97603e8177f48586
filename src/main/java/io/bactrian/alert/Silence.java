package io.bactrian.alert;

import java.time.Instant;

/**
 * An open incident acknowledged by hand: while it holds no reminder goes out for it; its
 * RESOLVED still does, and the incident's end ends it, so the next incident is not silenced.
 *
 * @param by      who silenced it (the login's name)
 * @param at      when
 * @param until   until when; null for until the incident is resolved
 * @param comment why, as the user wrote it; may be empty
 */
public record Silence(String by, Instant at, Instant until, String comment) {

    /** Whether it still holds at {@code t}. */
    public boolean covers(Instant t) {
        return until == null || t.isBefore(until);
    }
}
