package io.bactrian.alert;

import java.time.Instant;

/**
 * One monitor's position in its alert lifecycle. Mutable and owned by {@link AlertBook},
 * which serialises access per monitor and persists it so a restart does not announce an
 * incident twice.
 */
public class AlertState {
    public enum Status { UP, PENDING, DOWN }

    public Status status = Status.UP;
    public int failuresInRow;
    public int successesInRow;
    /** First failure of the current run of failures: the incident start once it turns DOWN. */
    public Instant failingSince;
    public Instant lastNoticeAt;
    public String failureClass;
    public String reason;
    /** The open incident's silence, null for none: kept with the state so it outlives restarts and holds on every replica. */
    public Silence silence;
}
