package io.bactrian.core;

import java.time.Instant;

/**
 * What one run of a monitor concluded: up or down, and why. Every kind of probe turns its
 * own findings into one of these, so the alert lifecycle and the channels need not know
 * how the target was checked.
 *
 * @param monitor      the monitor's id (its route id)
 * @param target       what was checked, as a user recognises it (usually the URL)
 * @param at           when the check finished
 * @param up           whether the check passed
 * @param failureClass short failure class ("timeout", "unexpected status", ...), null when up
 * @param reason       one line for people, e.g. "HTTP 500 (expected 200)"; null when up
 * @param summary      one line describing the outcome either way, for logs
 * @param detail       the probe's own result object, for channels that show more
 */
public record CheckResult(String monitor, String target, Instant at, boolean up, String failureClass,
                          String reason, String summary, Object detail) {

    @Override
    public String toString() {
        return monitor + (up ? " UP: " : " DOWN: ") + summary;
    }
}
