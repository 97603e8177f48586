package io.camelmonitor.demo;

/**
 * The target of the shipped demo monitor, so a fresh install shows a whole incident offline:
 * it answers 200, except from second 4 to second 10 of every minute after start, when it
 * answers 503.
 */
public class DemoTarget {
    private final long startedAt = System.nanoTime();

    public int status() {
        long second = (System.nanoTime() - startedAt) / 1_000_000_000L % 60;
        return second >= 4 && second < 10 ? 503 : 200;
    }
}
