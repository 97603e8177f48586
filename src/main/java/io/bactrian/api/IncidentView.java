package io.bactrian.api;

import java.time.Instant;

import io.bactrian.alert.AlertState;
import io.bactrian.alert.Silence;

/**
 * An open incident: a monitor its alert rule called DOWN.
 *
 * @param monitor      the monitor's id
 * @param since        its first failure
 * @param failureClass the last failure's class
 * @param reason       the last failure's reason
 * @param silence      who silenced it, when, until when (null: until resolved) and why; null while not silenced
 */
public record IncidentView(String monitor, Instant since, String failureClass, String reason, Silence silence) {

    /** The incident of a monitor's state; a silence that ran out is none. */
    static IncidentView of(String monitor, AlertState state, Instant now) {
        Silence silence = state.silence != null && state.silence.covers(now) ? state.silence : null;
        return new IncidentView(monitor, state.failingSince, state.failureClass, state.reason, silence);
    }
}
