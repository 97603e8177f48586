package io.bactrian.alert;

import java.time.Duration;
import java.time.Instant;

import io.bactrian.core.CheckResult;

/**
 * A notice that is due: what the channels render and deliver.
 *
 * @param kind      DOWN, REMINDER or RESOLVED
 * @param monitor   the monitor's id
 * @param target    what is checked (URL)
 * @param at        when the notice was raised
 * @param downSince first failure of the incident
 * @param failureClass failure class of the last failure
 * @param reason    the last failure's reason
 * @param result    the check that raised the notice
 * @param description the monitor's {@code description} as its list gives it; null when none
 */
public record AlertEvent(AlertKind kind, String monitor, String target, Instant at, Instant downSince,
                         String failureClass, String reason, CheckResult result, String description) {

    /** A notice of a monitor without a description. */
    public AlertEvent(AlertKind kind, String monitor, String target, Instant at, Instant downSince,
                      String failureClass, String reason, CheckResult result) {
        this(kind, monitor, target, at, downSince, failureClass, reason, result, null);
    }

    /** This notice of a monitor described as {@code description} (null: none). */
    public AlertEvent describedAs(String description) {
        return new AlertEvent(kind, monitor, target, at, downSince, failureClass, reason, result, description);
    }

    /** How long the target has been (or was) down when this notice was raised. */
    public Duration downFor() {
        return downSince == null ? Duration.ZERO : Duration.between(downSince, at);
    }
}
