package io.bactrian.cron;

/**
 * One-shot mode, given to the schedule component by the {@code once} command: each schedule
 * fires one time at start instead of on its cron, and says when it has.
 */
public interface FireOnce {
    /** Whether this monitor runs now; if so its fire is awaited. */
    boolean expect(String monitor);

    /** The monitor's one fire has run. */
    void fired(String monitor);
}
