package io.bactrian.probe;

import java.time.Duration;

/** The overall time budget of one probe, shared by every phase and every redirect hop. */
final class Deadline {

    private final long timeoutMillis;
    private long endNanos;

    Deadline(Duration timeout) {
        this.timeoutMillis = timeout.toMillis();
        this.endNanos = System.nanoTime() + timeout.toNanos();
    }

    /** Moves the end by time that was not the target's, such as waiting for the warm-up. */
    void extend(long nanos) {
        endNanos += nanos;
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    long remainingNanos() {
        return endNanos - System.nanoTime();
    }

    boolean expired() {
        return remainingNanos() <= 0;
    }
}
