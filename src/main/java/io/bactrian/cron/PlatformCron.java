package io.bactrian.cron;

import static io.bactrian.cron.CronField.DAY;
import static io.bactrian.cron.CronField.HOUR;
import static io.bactrian.cron.CronField.MINUTE;
import static io.bactrian.cron.CronField.SECOND;
import static io.bactrian.cron.CronField.WEEKDAY;
import static io.bactrian.cron.CronField.YEAR;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Writes a schedule, read in a zone, as the timer trigger of a function platform fires it: Alibaba
 * Cloud Function Compute (6 fields, a CRON_TZ= prefix) or Tencent Cloud SCF (7 fields, read in
 * UTC+8). It starts from the schedule's Quartz form, so the text it writes is read back by
 * {@link CronTranslator} as the same fire times; what the platform cannot say throws a
 * {@link CronException} naming the field.
 */
public final class PlatformCron {
    /** The zone SCF reads its timer crons in: China Standard Time, which has no daylight saving. */
    public static final ZoneId SCF_ZONE = ZoneId.of("Asia/Shanghai");
    private static final String[] FC_WEEKDAYS = {"", "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
    private static final Pattern TOKENS = Pattern.compile("\\d+|\\D+");
    private static final int MINUTES_A_DAY = 24 * 60;
    /** Offsets a zone takes within this many years must all shift the schedule alike. */
    private static final int YEARS_AHEAD = 2;

    private PlatformCron() {
    }

    /** The schedule as a Function Compute cron: 6 fields, prefixed {@code CRON_TZ=<zone>} unless UTC; its own CRON_TZ wins over {@code zone}. */
    public static String functionCompute(CronSchedule schedule, ZoneId zone) {
        zone = schedule.zoneOr(zone);
        Fields f = Fields.of(schedule);
        if (!f.second().matches("\\d+")) {
            throw new CronException(SECOND.label(), "second field '" + f.second() + "': Function Compute fires at most"
                    + " once a minute, at one second: write one number, such as 0");
        }
        if (f.day().matches(".*[LW].*")) {
            throw new CronException(DAY.label(), "day field '" + f.day() + "': Function Compute has no 'L' or 'W'");
        }
        if (f.weekday().matches(".*[L#].*")) {
            throw new CronException(WEEKDAY.label(), "weekday field '" + f.weekday()
                    + "': Function Compute has no 'L' or '#'");
        }
        if (!f.year().equals("*")) {
            throw new CronException(YEAR.label(), "year field '" + f.year() + "': Function Compute has no year field");
        }
        String body = String.join(" ", f.second(), f.minute(), f.hour(), f.day(), f.month(), fcWeekdays(f.weekday()));
        return zone.normalized().equals(ZoneOffset.UTC) ? body : "CRON_TZ=" + fcZone(zone) + " " + body;
    }

    /** The schedule as an SCF cron: 7 fields, moved from its zone to UTC+8 when they differ; its own CRON_TZ wins over {@code zone}. */
    public static String scf(CronSchedule schedule, ZoneId zone) {
        zone = schedule.zoneOr(zone);
        Fields f = Fields.of(schedule);
        Set<Integer> shifts = shiftsToScf(zone);
        if (shifts.size() > 1) {
            // daylight saving moves the schedule against UTC+8 twice a year: only one that fires
            // alike at every whole hour (e.g. every 5 minutes) stays the same
            Set<Fields> moved = new HashSet<>();
            for (int shift : shifts) {
                moved.add(shifted(f, shift, zone));
            }
            if (moved.size() > 1) {
                throw new CronException(HOUR.label(), "the time zone " + zone.getId() + " has daylight saving, so its"
                        + " times move against SCF's UTC+8 during the year; set time-zone to Asia/Shanghai and write"
                        + " the cron in China time");
            }
            f = moved.iterator().next();
        } else {
            f = shifted(f, shifts.iterator().next(), zone);
        }
        return String.join(" ", f.second(), f.minute(), f.hour(), f.day(), f.month(), scfWeekdays(f.weekday()),
                f.year());
    }

    /** Minutes to add to a time in {@code zone} to get UTC+8, one value per offset the zone takes ahead. */
    private static Set<Integer> shiftsToScf(ZoneId zone) {
        ZoneRules rules = zone.getRules();
        Instant now = Instant.now();
        Instant end = now.atZone(ZoneOffset.UTC).plusYears(YEARS_AHEAD).toInstant();
        Set<ZoneOffset> offsets = new TreeSet<>();
        offsets.add(rules.getOffset(now));
        for (ZoneOffsetTransition t = rules.nextTransition(now); t != null && t.getInstant().isBefore(end);
                t = rules.nextTransition(t.getInstant())) {
            offsets.add(t.getOffsetAfter());
        }
        int scf = SCF_ZONE.getRules().getOffset(now).getTotalSeconds();
        Set<Integer> shifts = new TreeSet<>();
        for (ZoneOffset offset : offsets) {
            int seconds = scf - offset.getTotalSeconds();
            if (seconds % 60 != 0) {
                throw new CronException(null, "the time zone " + zone.getId() + " is not a whole number of minutes"
                        + " from SCF's UTC+8");
            }
            shifts.add(seconds / 60);
        }
        return shifts;
    }

    /**
     * The fields moved by {@code minutes}: the times of day must stay a grid of hours by minutes,
     * and a move across midnight must not meet a restricted day, month or year (a weekday moves along).
     */
    private static Fields shifted(Fields f, int minutes, ZoneId zone) {
        if (minutes == 0) {
            return f;
        }
        SortedSet<Integer> hours = values(f.hour(), HOUR);
        SortedSet<Integer> mins = values(f.minute(), MINUTE);
        Map<Integer, SortedSet<Integer>> byHour = new TreeMap<>();
        Set<Integer> carries = new TreeSet<>();
        for (int h : hours) {
            for (int m : mins) {
                int t = h * 60 + m + minutes;
                carries.add(Math.floorDiv(t, MINUTES_A_DAY));
                int at = Math.floorMod(t, MINUTES_A_DAY);
                byHour.computeIfAbsent(at / 60, k -> new TreeSet<>()).add(at % 60);
            }
        }
        String why = "the times of the cron in " + zone.getId() + " cannot be written as one cron in SCF's UTC+8";
        if (new TreeSet<>(byHour.values().stream().map(Object::toString).toList()).size() > 1) {
            throw new CronException(HOUR.label(), why + " (the minutes differ from hour to hour there); set time-zone"
                    + " to Asia/Shanghai and write the cron in China time");
        }
        String hour = compact(new TreeSet<>(byHour.keySet()), HOUR);
        String minute = compact(byHour.values().iterator().next(), MINUTE);
        boolean everyDay = f.day().equals("*") && f.month().equals("*") && f.year().equals("*");
        if (carries.equals(Set.of(0)) || everyDay && f.weekday().equals("*")) {
            return new Fields(f.second(), minute, hour, f.day(), f.month(), f.weekday(), f.year());
        }
        if (everyDay && carries.size() == 1 && f.weekday().matches("[0-9,-]+")) {
            int carry = carries.iterator().next();
            // Quartz weekday q is crontab day q - 1; Weekdays rebuilds the Quartz ranges
            String weekday = Weekdays.toQuartz(values(f.weekday(), WEEKDAY).stream()
                    .mapToInt(q -> Math.floorMod(q - 1 + carry, 7)));
            return new Fields(f.second(), minute, hour, f.day(), f.month(), weekday, f.year());
        }
        throw new CronException(DAY.label(), why + " (some times move to another day, and the day, month or year is"
                + " restricted); set time-zone to Asia/Shanghai and write the cron in China time");
    }

    /** Quartz weekdays (1 = Sunday) as names, Sunday never inside a range: FC's docs number MON-SUN 1-7. */
    private static String fcWeekdays(String quartz) {
        if (quartz.equals("*")) {
            return "*";
        }
        SortedSet<Integer> days = values(quartz, WEEKDAY);
        StringJoiner out = new StringJoiner(",");
        if (days.remove(1)) {
            out.add(FC_WEEKDAYS[1]);
        }
        for (String range : ranges(days)) {
            String[] bounds = range.split("-");
            out.add(FC_WEEKDAYS[Integer.parseInt(bounds[0])]
                    + (bounds.length == 2 ? "-" + FC_WEEKDAYS[Integer.parseInt(bounds[1])] : ""));
        }
        return out.toString();
    }

    /** Quartz weekdays (1 = Sunday) as SCF numbers (0 = Sunday), special forms included. */
    private static String scfWeekdays(String quartz) {
        if (quartz.equals("*") || quartz.equals("L")) {
            return quartz;
        }
        StringBuilder out = new StringBuilder();
        Matcher digits = TOKENS.matcher(quartz);
        boolean afterHash = false;
        while (digits.find()) {
            String token = digits.group();
            boolean number = Character.isDigit(token.charAt(0));
            out.append(number && !afterHash ? String.valueOf(Integer.parseInt(token) - 1) : token);
            afterHash = token.equals("#");
        }
        return out.toString();
    }

    /** A zone FC can read: its region names; a plain offset as the Etc/GMT zone of the same hours. */
    private static String fcZone(ZoneId zone) {
        if (!(zone instanceof ZoneOffset offset)) {
            return zone.getId();
        }
        int seconds = offset.getTotalSeconds();
        if (seconds % 3600 != 0) {
            throw new CronException(null, "the time zone " + zone.getId() + " is no region name; write one such as"
                    + " Asia/Kolkata");
        }
        int hours = seconds / 3600;
        // Etc/GMT counts the other way round: UTC+8 is Etc/GMT-8
        return "Etc/GMT" + (hours > 0 ? "-" + hours : "+" + -hours);
    }

    /** The values of a Quartz field of plain items ({@code *}, a, a-b, each with an optional /step). */
    private static SortedSet<Integer> values(String text, CronField field) {
        int top = field == WEEKDAY ? 7 : field.max;
        int bottom = field == WEEKDAY ? 1 : field.min;
        SortedSet<Integer> values = new TreeSet<>();
        for (String item : text.split(",")) {
            String[] baseAndStep = item.split("/");
            int step = baseAndStep.length == 2 ? Integer.parseInt(baseAndStep[1]) : 1;
            String base = baseAndStep[0];
            int start;
            int end;
            if (base.equals("*")) {
                start = bottom;
                end = top;
            } else if (base.contains("-")) {
                start = Integer.parseInt(base.substring(0, base.indexOf('-')));
                end = Integer.parseInt(base.substring(base.indexOf('-') + 1));
            } else {
                start = Integer.parseInt(base);
                end = baseAndStep.length == 2 ? top : start;
            }
            IntStream.iterate(start, v -> v <= end, v -> v + step).forEach(values::add);
        }
        return values;
    }

    /** A set of values written short: {@code *}, {@code a/step} to the end of the range, or ranges and values. */
    private static String compact(SortedSet<Integer> values, CronField field) {
        if (values.size() == field.max - field.min + 1) {
            return "*";
        }
        int first = values.first();
        if (values.size() > 2) {
            int step = new ArrayList<>(values).get(1) - first;
            List<Integer> grid = IntStream.iterate(first, v -> v <= field.max, v -> v + step).boxed().toList();
            if (step > 1 && grid.equals(new ArrayList<>(values))) {
                return (first == field.min ? "*" : String.valueOf(first)) + "/" + step;
            }
        }
        return String.join(",", ranges(values));
    }

    /** Runs of consecutive values as {@code a-b}, single ones as {@code a}. */
    private static List<String> ranges(SortedSet<Integer> values) {
        List<String> out = new ArrayList<>();
        Integer start = null;
        Integer last = null;
        for (int v : values) {
            if (last != null && v == last + 1) {
                last = v;
                continue;
            }
            if (start != null) {
                out.add(start.equals(last) ? String.valueOf(start) : start + "-" + last);
            }
            start = v;
            last = v;
        }
        if (start != null) {
            out.add(start.equals(last) ? String.valueOf(start) : start + "-" + last);
        }
        return out;
    }

    /**
     * The fields of the schedule's Quartz form; day and weekday {@code *} when unrestricted, as
     * SCF and crontab write them (a schedule restricting both fires on either, in Quartz two expressions).
     */
    private record Fields(String second, String minute, String hour, String day, String month, String weekday,
                          String year) {
        static Fields of(CronSchedule schedule) {
            List<String> quartz = schedule.quartzExpressions();
            String[] first = quartz.get(0).split(" ");
            String[] last = quartz.get(quartz.size() - 1).split(" ");
            String day = first[3].equals("?") ? "*" : first[3];
            String weekday = last[5].equals("?") ? "*" : last[5];
            return new Fields(first[0], first[1], first[2], day, first[4], weekday, first.length > 6 ? first[6] : "*");
        }
    }
}
