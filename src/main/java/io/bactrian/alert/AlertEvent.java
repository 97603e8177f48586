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
 */
public record AlertEvent(AlertKind kind, String monitor, String target, Instant at, Instant downSince,
                         String failureClass, String reason, CheckResult result) {

    /** How long the target has been (or was) down when this notice was raised. */
    public Duration downFor() {
        return downSince == null ? Duration.ZERO : Duration.between(downSince, at);
    }
}
