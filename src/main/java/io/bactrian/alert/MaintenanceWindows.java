package io.bactrian.alert;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.bactrian.core.Durations;
import io.bactrian.cron.CronSchedule;
import io.bactrian.cron.CronTranslator;

/**
 * When a monitor is in maintenance: its results are still recorded, but its alert state does
 * not move and nothing is sent. Windows are separated by {@code ;} and are either a time range,
 * {@code 2026-12-01T02:00/2026-12-01T04:00} (offsets optional; without one, in the zone given),
 * or a recurring window, a cron expression (any form the schedules take) and how long:
 * {@code 0 0 2 * * SUN * for 2h}.
 */
public final class MaintenanceWindows {
    private final List<Predicate<Instant>> windows;
    private final String text;

    private MaintenanceWindows(List<Predicate<Instant>> windows, String text) {
        this.windows = windows;
        this.text = text;
    }

    public static MaintenanceWindows parse(String text, ZoneId zone) {
        List<Predicate<Instant>> windows = new ArrayList<>();
        if (text != null) {
            for (String part : text.split(";")) {
                String p = part.strip();
                if (p.isEmpty()) {
                    continue;
                }
                try {
                    windows.add(p.contains(" for ") ? recurring(p, zone) : range(p, zone));
                } catch (DateTimeException | IllegalArgumentException e) { // CronException is one too
                    throw new IllegalArgumentException("maintenance '" + p + "': " + e.getMessage()
                            + " (use start/end date-times, or '<cron> for <duration>')");
                }
            }
        }
        return new MaintenanceWindows(List.copyOf(windows), text == null ? "" : text.strip());
    }

    private static Predicate<Instant> range(String p, ZoneId zone) {
        String[] ends = p.split("/", 2);
        if (ends.length != 2) {
            throw new IllegalArgumentException("a range is start/end");
        }
        Instant start = instant(ends[0], zone);
        Instant end = instant(ends[1], zone);
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("the range ends before it starts");
        }
        return t -> !t.isBefore(start) && t.isBefore(end);
    }

    private static Instant instant(String s, ZoneId zone) {
        try {
            return OffsetDateTime.parse(s.strip()).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(s.strip()).atZone(zone).toInstant();
        }
    }

    private static Predicate<Instant> recurring(String p, ZoneId zone) {
        int at = p.lastIndexOf(" for ");
        CronSchedule schedule = CronTranslator.translate(p.substring(0, at));
        Duration length = Durations.positive("the duration", p.substring(at + 5).strip());
        ZoneId in = schedule.zoneOr(zone);
        // inside [start, start + length): the first start strictly after (t - length) is not after t
        return t -> {
            ZonedDateTime from = t.minus(length).atZone(in);
            List<ZonedDateTime> next = schedule.nextFireTimes(from, in, 1);
            return !next.isEmpty() && !next.get(0).toInstant().isAfter(t);
        };
    }

    public boolean covers(Instant t) {
        return windows.stream().anyMatch(w -> w.test(t));
    }

    @Override
    public String toString() {
        return text;
    }
}
