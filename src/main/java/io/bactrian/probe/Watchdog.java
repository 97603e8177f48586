package io.bactrian.probe;

import java.io.IOException;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Closes a probe's socket when its connect budget or its deadline passes; closing unblocks
 * whatever the probe is waiting in. This is what bounds every phase, so the probe's own reads,
 * writes and its connect are plain blocking calls: one system call each, no per-call timeout to
 * set, no switch to non-blocking mode and back (about half the calls a timed socket makes).
 *
 * <p>One thread looks at the open probes every {@link #TICK_MILLIS} ms and sleeps while there
 * are none, so guarding a probe costs a set insertion, not a timer task and a wake-up.
 */
public final class Watchdog implements AutoCloseable {

    /** How late a timeout may fire at most. */
    static final long TICK_MILLIS = 5;

    private static final Set<Watchdog> OPEN = ConcurrentHashMap.newKeySet();
    private static volatile boolean idle;
    private static final Thread SWEEPER = start();

    private final Socket socket;
    private final long deadlineNanos;
    private volatile long closeAtNanos;
    private volatile boolean connectTimedOut;

    private Watchdog(Socket socket, long deadlineNanos, long connectByNanos) {
        this.socket = socket;
        this.deadlineNanos = deadlineNanos;
        this.closeAtNanos = connectByNanos - deadlineNanos < 0 ? connectByNanos : deadlineNanos;
    }

    /** Guards a socket that is about to connect: closed after {@code connectMillis}, or at the deadline. */
    static Watchdog guard(Socket socket, Deadline deadline, long connectMillis) {
        long now = System.nanoTime();
        Watchdog watchdog = new Watchdog(socket, now + deadline.remainingNanos(),
                now + TimeUnit.MILLISECONDS.toNanos(connectMillis));
        OPEN.add(watchdog);
        if (idle) {
            LockSupport.unpark(SWEEPER);
        }
        return watchdog;
    }

    /** The connection is up: from now on only the deadline counts. */
    void connected() {
        closeAtNanos = deadlineNanos;
    }

    /** Whether the socket was closed because the connect budget (not the deadline) ran out. */
    boolean connectTimedOut() {
        return connectTimedOut;
    }

    @Override
    public void close() {
        OPEN.remove(this);
    }

    private void fire() {
        connectTimedOut = closeAtNanos != deadlineNanos;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all we can do; the probe reports the timeout
        }
    }

    private static Thread start() {
        Thread thread = new Thread(Watchdog::sweep, "probe-watchdog");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void sweep() {
        while (true) {
            if (OPEN.isEmpty()) {
                // a probe added after this flag is set sees it and wakes us
                idle = true;
                if (OPEN.isEmpty()) {
                    LockSupport.park();
                }
                idle = false;
                continue;
            }
            long now = System.nanoTime();
            for (Watchdog watchdog : OPEN) {
                if (now - watchdog.closeAtNanos >= 0 && OPEN.remove(watchdog)) {
                    watchdog.fire();
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
        }
    }
}
