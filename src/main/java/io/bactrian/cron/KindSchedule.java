package io.bactrian.cron;

import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;

import io.bactrian.monitor.Monitor;
import io.bactrian.monitor.MonitorCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedules of one kind's monitors: monitors with the same cron and zone share one schedule
 * (one per shard with replicas, so the instances share the work), whose fire hands each of its
 * monitors to the check pool. A monitor still being checked when it is due again skips that fire.
 */
final class KindSchedule implements MonitorCatalog.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(KindSchedule.class);

    /** Monitors sharing a cron, a zone and a shard. */
    private record Group(String name, Map<String, Monitor> members) {
    }

    private final String kind;
    private final Timetable timetable;
    private final ExecutorService pool;
    private final int shards;
    private final Zones zones;
    private final BiConsumer<Monitor, Date[]> check;
    private final Map<String, String> defaults;
    private final Map<String, Group> groups = new ConcurrentHashMap<>();
    private final Map<String, String> groupOf = new ConcurrentHashMap<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    /** Stopped schedules ignore a change that was on its way when they stopped. */
    private boolean stopped;

    /** {@code defaults}: the kind route's, under each monitor's settings; {@code check} runs one monitor for a fire: (monitor, {scheduled fire time, fire time}). */
    KindSchedule(String kind, Map<String, String> defaults, Timetable timetable, ExecutorService pool, int shards,
                 Zones zones, BiConsumer<Monitor, Date[]> check) {
        this.defaults = defaults;
        this.kind = kind;
        this.timetable = timetable;
        this.pool = pool;
        this.shards = shards;
        this.zones = zones;
        this.check = check;
    }

    String kind() {
        return kind;
    }

    /** Schedules a monitor; a bad cron or a failing Quartz is logged and leaves the others be. */
    synchronized void add(Monitor listed) {
        if (stopped) {
            return;
        }
        try {
            schedule(listed.under(defaults));
        } catch (Exception e) {
            LOG.error("{} not scheduled: {}", listed, e.getMessage(), e);
        }
    }

    private void schedule(Monitor monitor) throws Exception {
        CronSchedule schedule = Crons.translate(monitor.cron());
        ZoneId zone = zones.of(schedule, monitor.setting("time-zone"));
        String name = kind + "|" + schedule.expression() + "|" + zone.getId()
                + (shards > 1 ? "|" + Math.floorMod(monitor.id().hashCode(), shards) : "");
        Group group = groups.get(name);
        if (group == null) {
            group = new Group(name, new ConcurrentHashMap<>());
            groups.put(name, group);
            Group fired = group;
            timetable.add(name, schedule, zone, (scheduled, at) -> fire(fired, scheduled, at));
        }
        group.members().put(monitor.id(), monitor);
        groupOf.put(monitor.id(), name);
    }

    synchronized void remove(String id) {
        String name = groupOf.remove(id);
        Group group = name == null ? null : groups.get(name);
        if (group != null) {
            group.members().remove(id);
            if (group.members().isEmpty()) {
                groups.remove(name);
                try {
                    timetable.remove(name, true);
                } catch (Exception e) {
                    LOG.error("The schedule {} was not removed: {}", name, e.getMessage(), e);
                }
            }
        }
    }

    private void fire(Group group, Date scheduled, Date at) {
        for (Monitor monitor : group.members().values()) {
            if (!running.add(monitor.id())) {
                LOG.debug("{} is still being checked: its fire at {} is skipped", monitor.id(), scheduled);
                continue;
            }
            try {
                pool.execute(() -> {
                    try {
                        check.accept(monitor, new Date[] {scheduled, at});
                    } finally {
                        running.remove(monitor.id());
                    }
                });
            } catch (RejectedExecutionException e) {
                running.remove(monitor.id()); // the pool is stopping; left marked, the monitor would never run again
                throw e;
            }
        }
    }

    @Override
    public synchronized void changed(MonitorCatalog.Change change) {
        for (Monitor m : change.removed()) {
            remove(m.id());
        }
        for (Monitor m : change.changed()) {
            remove(m.id());
            if (m.kind().equals(kind)) {
                add(m);
            }
        }
        for (Monitor m : change.added()) {
            if (m.kind().equals(kind)) {
                add(m);
            }
        }
    }

    /**
     * Stops this kind's schedules here; {@code everywhere} (the route removed, not the instance
     * stopping) also takes them out of a shared database.
     */
    synchronized void stop(boolean everywhere) throws Exception {
        stopped = true;
        for (String name : groups.keySet()) {
            timetable.remove(name, everywhere);
        }
        groups.clear();
        groupOf.clear();
    }
}
