package io.bactrian.oneshot;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.bactrian.alert.CheckListener;
import io.bactrian.core.CheckResult;
import io.bactrian.cron.FireOnce;

/**
 * One run of every monitor (or of those named), for serverless timers, CronJobs and CI: the
 * schedules fire once at start, and this collects which monitors ran and what they found. The
 * function mode makes one for each invocation and fires the schedules' offers itself.
 */
public class OnceRun implements CheckListener, FireOnce {
    private final Set<String> only;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final Set<String> offered = ConcurrentHashMap.newKeySet();
    private final Map<String, CheckResult> results = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    /** {@code only} empty: every monitor. */
    public OnceRun(Set<String> only) {
        this.only = Set.copyOf(only);
    }

    @Override
    public void offer(String monitor, Consumer<Runnable> fire) {
        if (expect(monitor)) {
            fire.accept(() -> fired(monitor));
        }
    }

    /** Whether this run checks the monitor; if so its fire is awaited. */
    public boolean expect(String monitor) {
        offered.add(monitor);
        if (!only.isEmpty() && !only.contains(monitor)) {
            return false;
        }
        pending.add(monitor);
        return true;
    }

    /** The monitor's fire has run. */
    public void fired(String monitor) {
        synchronized (pending) {
            pending.remove(monitor);
            pending.notifyAll();
        }
    }

    @Override
    public void checked(CheckResult result) {
        results.put(result.monitor(), result);
    }

    /** The run was stopped (SIGTERM, Ctrl-C): waiting ends now. */
    public void stop() {
        synchronized (pending) {
            stopped = true;
            pending.notifyAll();
        }
    }

    public boolean stopped() {
        return stopped;
    }

    /** Waits until every expected monitor has run; false when time ran out or the run was stopped. */
    public boolean await(Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        synchronized (pending) {
            while (!pending.isEmpty()) {
                if (stopped) {
                    return false;
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                pending.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    public Map<String, CheckResult> results() {
        return new TreeMap<>(results);
    }

    public Set<String> missing() {
        return Set.copyOf(pending);
    }

    /** Names given on the command line that match no monitor. */
    public Set<String> unknown() {
        Set<String> unknown = new TreeSet<>(only);
        unknown.removeAll(offered);
        return unknown;
    }
}
