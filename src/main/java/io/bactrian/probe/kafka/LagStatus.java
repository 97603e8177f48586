package io.bactrian.probe.kafka;

/**
 * A partition's (and a group's) status over the evaluation window, as Burrow names them; in
 * order of severity, so a group's status is its worst partition's.
 */
public enum LagStatus {
    /** Lag is zero or was at most the allowed lag within the window, or is not growing. */
    OK,
    /** Lag grew over the window and never went down. */
    WARN,
    /** The consumer is active but its committed offset has not moved over the window, while lag &gt; 0. */
    STALL,
    /** No commit over the whole window and no consumer assigned, while lag &gt; 0. */
    STOP,
    /** The committed offset went backwards and has not caught up again. */
    REWIND
}
