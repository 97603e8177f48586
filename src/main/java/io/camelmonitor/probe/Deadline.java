package io.camelmonitor.probe;

import java.net.SocketTimeoutException;
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

    /**
     * The remaining time as a socket timeout. Rounded up so that a read never gives up early, and
     * never 0, which would mean "wait forever" to a socket.
     */
    int remainingMillis() throws SocketTimeoutException {
        long nanos = remainingNanos();
        if (nanos <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, (nanos + 999_999) / 1_000_000);
    }
}
