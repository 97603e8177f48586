package io.bactrian.cron;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.bactrian.monitor.Monitor;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;

/**
 * The cron and zone each monitor fires on, as the schedule component gives them, worked out from a
 * route's {@code schedule:} endpoint without starting it: for deploy descriptors whose platform
 * timers fire the monitors instead.
 */
public final class MonitorSchedules {

    /** A monitor's schedule, read in {@code zone}. */
    public record Due(String monitor, String file, CronSchedule schedule, ZoneId zone) {
    }

    private MonitorSchedules() {
    }

    /**
     * The monitors a route starting at {@code endpoint} fires: the route itself when it has a cron,
     * named by {@code routeId}; a kind's listed monitors (of {@code listed}) under the route's defaults.
     * A listed monitor without a cron fires only when asked and has no schedule. Returns an empty list
     * for an endpoint that is no schedule; a bad cron or zone throws IllegalArgumentException
     * (validate names them first).
     */
    public static List<Due> of(CamelContext context, Endpoint endpoint, String routeId, String file, List<Monitor> listed) {
        List<Due> due = new ArrayList<>();
        if (!(endpoint instanceof ScheduleEndpoint schedule)) {
            return due;
        }
        if (!schedule.isKind()) {
            CronSchedule cron = schedule.schedule();
            due.add(new Due(routeId != null ? routeId : schedule.getName(), file, cron, schedule.zone(cron)));
            return due;
        }
        Zones zones = Zones.of(context);
        for (Monitor listedMonitor : listed) {
            if (!listedMonitor.kind().equals(schedule.getName())) {
                continue;
            }
            Monitor m = listedMonitor.under(schedule.defaults());
            if (m.cron() == null || m.cron().isBlank()) {
                continue;
            }
            CronSchedule cron = Crons.translate(m.cron());
            due.add(new Due(m.id(), m.file(), cron, zones.of(cron, m.setting("time-zone"))));
        }
        return due;
    }
}
