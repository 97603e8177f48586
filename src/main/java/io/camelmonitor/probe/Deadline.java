package io.camelmonitor.probe;

import java.time.Duration;

/** The overall time budget of one probe, shared by every phase and every redirect hop. */
final class Deadline {

    private final long timeoutMillis;
    private final long endNanos;

    Deadline(Duration timeout) {
        this.timeoutMillis = timeout.toMillis();
        this.endNanos = System.nanoTime() + timeout.toNanos();
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
