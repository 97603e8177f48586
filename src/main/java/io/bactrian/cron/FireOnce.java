package io.bactrian.cron;

import java.util.function.Consumer;

/**
 * One-shot mode, given to the schedule component by the {@code once} and {@code function}
 * commands: the schedules fire when this says, not on their crons.
 */
public interface FireOnce {
    /**
     * A schedule offers its monitor's fire: {@code fire} starts one check of it and, once that has
     * run, calls the {@link Runnable} it is given. {@code once} fires each monitor it expects at
     * once; the function mode keeps the offers and fires them again at every invocation.
     */
    void offer(String monitor, Consumer<Runnable> fire);
}
