package io.bactrian.function;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.bactrian.alert.CheckListener;
import io.bactrian.core.CheckResult;
import io.bactrian.cron.FireOnce;
import io.bactrian.oneshot.OnceRun;

/**
 * The schedules of a function instance: kept from start-up, fired again at every invocation in
 * the one Camel context that stays started between invocations. A monitor whose check from an
 * earlier invocation still runs is not fired twice: the new invocation waits for that check.
 */
final class WarmFires implements FireOnce, CheckListener {
    private final Map<String, Consumer<Runnable>> fires = new LinkedHashMap<>();
    /** The runs waiting for each monitor's check in progress. */
    private final Map<String, List<OnceRun>> inFlight = new HashMap<>();

    @Override
    public synchronized void offer(String monitor, Consumer<Runnable> fire) {
        fires.put(monitor, fire);
    }

    /** Fires every monitor that {@code run} expects. */
    void fire(OnceRun run) {
        Map<String, Consumer<Runnable>> offered;
        synchronized (this) {
            offered = new LinkedHashMap<>(fires);
        }
        offered.forEach((monitor, fire) -> {
            if (!run.expect(monitor)) {
                return;
            }
            boolean start;
            synchronized (this) {
                start = !inFlight.containsKey(monitor);
                inFlight.computeIfAbsent(monitor, m -> new ArrayList<>()).add(run);
            }
            if (start) {
                try {
                    fire.accept(() -> done(monitor));
                } catch (RuntimeException e) {
                    done(monitor); // not started (the context stops): nobody waits for it
                    throw e;
                }
            }
        });
    }

    private void done(String monitor) {
        List<OnceRun> waiting;
        synchronized (this) {
            waiting = inFlight.remove(monitor);
        }
        if (waiting != null) {
            waiting.forEach(run -> run.fired(monitor));
        }
    }

    @Override
    public void checked(CheckResult result) {
        List<OnceRun> waiting;
        synchronized (this) {
            waiting = List.copyOf(inFlight.getOrDefault(result.monitor(), List.of()));
        }
        waiting.forEach(run -> run.checked(result));
    }
}
