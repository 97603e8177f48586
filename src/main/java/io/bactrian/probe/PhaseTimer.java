package io.bactrian.probe;

/**
 * Adds up the time spent in each phase, over all redirect hops, with {@link System#nanoTime()}.
 * Exactly one phase runs at a time, so the phase that was running when an error surfaced is the
 * phase that failed.
 */
public final class PhaseTimer {

    private long startedNanos = System.nanoTime();
    private final long[] nanos = new long[Phase.values().length];
    private Phase current;
    private long currentSince;

    /** Ends the running phase, if any, and starts the given one. */
    public void start(Phase phase) {
        long now = System.nanoTime();
        stop(now);
        current = phase;
        currentSince = now;
    }

    /**
     * Runs work that is not the target's time, between phases: it counts in no phase and not in
     * the total. Returns its nanoseconds.
     */
    long excluding(Runnable work) {
        long before = System.nanoTime();
        work.run();
        long took = System.nanoTime() - before;
        startedNanos += took;
        return took;
    }

    public void stop() {
        stop(System.nanoTime());
    }

    private void stop(long now) {
        if (current != null) {
            nanos[current.ordinal()] += now - currentSince;
            current = null;
        }
    }

    /** The running phase, or null between phases. */
    Phase current() {
        return current;
    }

    public double millis(Phase phase) {
        return nanos[phase.ordinal()] / 1e6;
    }

    public double totalMillis() {
        return (System.nanoTime() - startedNanos) / 1e6;
    }
}
