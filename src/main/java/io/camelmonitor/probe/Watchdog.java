package io.camelmonitor.probe;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Closes a socket when the deadline passes. Read timeouts cover most of a probe, but a blocking
 * write and the reads inside a TLS handshake cannot be bounded per call; closing the socket
 * unblocks them.
 */
final class Watchdog implements AutoCloseable {

    private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "probe-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    static {
        TIMER.setRemoveOnCancelPolicy(true); // most probes finish in time; don't keep their tasks
    }

    private final ScheduledFuture<?> task;

    private Watchdog(ScheduledFuture<?> task) {
        this.task = task;
    }

    static Watchdog guard(Socket socket, Deadline deadline) {
        return new Watchdog(TIMER.schedule(() -> {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all we can do; the probe reports the timeout
            }
        }, deadline.remainingNanos(), TimeUnit.NANOSECONDS));
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
