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
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
    /** One window: whether it covers a time, and when it next starts after one (null: never again). */
    private interface Window {
        boolean covers(Instant t);

        Instant nextStart(Instant t);
    }

    private final List<Window> windows;
    private final String text;

    private MaintenanceWindows(List<Window> windows, String text) {
        this.windows = windows;
        this.text = text;
    }

    /**
     * A monitor's windows from its {@code maintenance} and {@code time-zone} settings (either may be
     * null), else none: also when they do not parse, which validate names before start-up.
     */
    public static Optional<MaintenanceWindows> ofSettings(Object maintenance, Object timeZone, ZoneId defaultZone) {
        if (maintenance == null || String.valueOf(maintenance).isBlank()) {
            return Optional.empty();
        }
        try {
            ZoneId zone = timeZone == null || String.valueOf(timeZone).isBlank() ? defaultZone
                    : ZoneId.of(String.valueOf(timeZone).strip());
            return Optional.of(parse(String.valueOf(maintenance), zone));
        } catch (IllegalArgumentException | DateTimeException e) {
            return Optional.empty();
        }
    }

    public static MaintenanceWindows parse(String text, ZoneId zone) {
        List<Window> windows = new ArrayList<>();
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

    private static Window range(String p, ZoneId zone) {
        String[] ends = p.split("/", 2);
        if (ends.length != 2) {
            throw new IllegalArgumentException("a range is start/end");
        }
        Instant start = instant(ends[0], zone);
        Instant end = instant(ends[1], zone);
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("the range ends before it starts");
        }
        return new Window() {
            @Override
            public boolean covers(Instant t) {
                return !t.isBefore(start) && t.isBefore(end);
            }

            @Override
            public Instant nextStart(Instant t) {
                return start.isAfter(t) ? start : null;
            }
        };
    }

    private static Instant instant(String s, ZoneId zone) {
        try {
            return OffsetDateTime.parse(s.strip()).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(s.strip()).atZone(zone).toInstant();
        }
    }

    private static Window recurring(String p, ZoneId zone) {
        int at = p.lastIndexOf(" for ");
        CronSchedule schedule = CronTranslator.translate(p.substring(0, at));
        Duration length = Durations.positive("the duration", p.substring(at + 5).strip());
        ZoneId in = schedule.zoneOr(zone);
        return new Window() {
            @Override
            public boolean covers(Instant t) {
                // inside [start, start + length): the first start strictly after (t - length) is not after t
                Instant first = nextStart(t.minus(length));
                return first != null && !first.isAfter(t);
            }

            @Override
            public Instant nextStart(Instant t) {
                List<ZonedDateTime> next = schedule.nextFireTimes(t.atZone(in), in, 1);
                return next.isEmpty() ? null : next.get(0).toInstant();
            }
        };
    }

    public boolean covers(Instant t) {
        return windows.stream().anyMatch(w -> w.covers(t));
    }

    /** When the next window starts after {@code t}, if any does. */
    public Optional<Instant> nextStart(Instant t) {
        return windows.stream().map(w -> w.nextStart(t)).filter(Objects::nonNull).min(Comparator.naturalOrder());
    }

    @Override
    public String toString() {
        return text;
    }
}
