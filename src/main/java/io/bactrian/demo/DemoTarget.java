package io.bactrian.demo;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The target of the shipped demo monitor, so a fresh install shows a whole incident offline:
 * it answers 200, except from second 4 to second 10 of every minute after its first request,
 * when it answers 503. Counted from the first request, not from start-up, so a slow start still
 * shows the demo going down after it was seen up.
 */
public class DemoTarget {
    private final AtomicLong firstRequest = new AtomicLong(Long.MIN_VALUE);

    public int status() {
        long now = System.nanoTime();
        firstRequest.compareAndSet(Long.MIN_VALUE, now);
        long second = (now - firstRequest.get()) / 1_000_000_000L % 60;
        return second >= 4 && second < 10 ? 503 : 200;
    }
}
