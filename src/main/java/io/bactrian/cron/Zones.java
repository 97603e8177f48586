package io.bactrian.cron;

import java.time.DateTimeException;
import java.time.ZoneId;

import org.apache.camel.CamelContext;

/** The zone a schedule is read in: CRON_TZ in the expression, then the monitor's own, then bactrian.time-zone. */
final class Zones {
    private final ZoneId fallback;

    private Zones(ZoneId fallback) {
        this.fallback = fallback;
    }

    static Zones of(CamelContext context) {
        String zone = context.resolvePropertyPlaceholders("{{bactrian.time-zone:}}").strip();
        return new Zones(zone.isEmpty() ? ZoneId.systemDefault() : parse("bactrian.time-zone", zone));
    }

    ZoneId of(CronSchedule schedule, String own) {
        return schedule.zoneOr(own == null || own.isBlank() ? fallback : parse("timeZone", own.strip()));
    }

    private static ZoneId parse(String field, String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(field + " '" + zone + "': unknown time zone");
        }
    }
}
