package io.bactrian.testing;

import java.util.function.BooleanSupplier;

/** Waits, bounded, for something a running monitor does. */
public final class Await {
    private Await() {
    }

    public static void until(String what, long millis, BooleanSupplier condition) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
