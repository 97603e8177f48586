package io.bactrian.cron;

import static io.bactrian.cron.CronField.DAY;
import static io.bactrian.cron.CronField.WEEKDAY;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Checks one field against its range and syntax and rewrites it in Quartz syntax. The checks are
 * ours so that a mistake is reported in the user's terms rather than in Quartz's.
 */
final class FieldTranslator {

    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern DAY_SPECIAL =
            Pattern.compile("L|LW|L-(\\d+)|(\\d+)W", Pattern.CASE_INSENSITIVE);
    private static final Pattern LAST_WEEKDAY = Pattern.compile("([a-z0-9]+)L", Pattern.CASE_INSENSITIVE);
    private static final Pattern NTH_WEEKDAY = Pattern.compile("([a-z0-9]+)#(.*)", Pattern.CASE_INSENSITIVE);
    private static final int MAX_DAYS_BEFORE_LAST = 30;
    private static final int MAX_WEEK_OF_MONTH = 5;

    private final CronField field;
    private final String text;

    private FieldTranslator(CronField field, String text) {
        this.field = field;
        this.text = text;
    }

    static String translate(CronField field, String text) {
        return new FieldTranslator(field, text).translate();
    }

    private String translate() {
        if (text.equals("*")) {
            return "*";
        }
        if (text.equals("?")) {
            if (field == DAY || field == WEEKDAY) {
                return "?";
            }
            throw fail("'?' is only allowed in the day and weekday fields");
        }
        if (field == DAY) {
            Matcher special = DAY_SPECIAL.matcher(text);
            if (special.matches()) {
                return daySpecial(special);
            }
        }
        if (field == WEEKDAY) {
            String special = weekdaySpecial();
            if (special != null) {
                return special;
            }
        }
        List<Item> items = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            items.add(item(part));
        }
        if (field == WEEKDAY) {
            String days = Weekdays.toQuartz(items.stream().flatMapToInt(Item::values));
            if (days.isEmpty()) {
                throw fail("matches no weekday");
            }
            return days;
        }
        return items.stream().map(Item::toQuartz).collect(Collectors.joining(","));
    }

    private String daySpecial(Matcher special) {
        if (special.group(1) != null) {
            int offset = number(special.group(1));
            if (offset > MAX_DAYS_BEFORE_LAST) {
                throw fail("offset " + special.group(1) + " after 'L-' must be at most " + MAX_DAYS_BEFORE_LAST);
            }
            return "L-" + offset;
        }
        if (special.group(2) != null) {
            return value(special.group(2)) + "W";
        }
        return text.toUpperCase(Locale.ROOT);
    }

    /** The weekday forms that stand alone: L, last given weekday (5L) and nth weekday (5#3). */
    private String weekdaySpecial() {
        if (text.equalsIgnoreCase("L")) {
            return "L";
        }
        Matcher last = LAST_WEEKDAY.matcher(text);
        if (last.matches()) {
            return Weekdays.toQuartz(value(last.group(1))) + "L";
        }
        Matcher nth = NTH_WEEKDAY.matcher(text);
        if (nth.matches()) {
            int day = value(nth.group(1));
            String week = nth.group(2);
            if (!NUMBER.matcher(week).matches() || number(week) < 1 || number(week) > MAX_WEEK_OF_MONTH) {
                throw fail("'#' must be followed by a week number from 1 to " + MAX_WEEK_OF_MONTH);
            }
            return Weekdays.toQuartz(day) + "#" + number(week);
        }
        return null;
    }

    private Item item(String part) {
        if (part.isEmpty()) {
            throw fail("empty value in list");
        }
        if (part.equals("?")) {
            throw fail("'?' must stand alone");
        }
        String[] baseAndStep = part.split("/", -1);
        if (baseAndStep.length > 2) {
            throw fail("'" + part + "' has more than one '/'");
        }
        int step = baseAndStep.length == 2 ? step(baseAndStep[1]) : 0;
        String base = baseAndStep[0];
        // A weekday '*' or 'n/step' runs to Saturday: 7 would repeat Sunday.
        int top = field == WEEKDAY ? 6 : field.max;
        if (base.equals("*")) {
            return new Item(Kind.ANY, field.min, top, step);
        }
        String[] bounds = base.split("-", -1);
        if (bounds.length > 2) {
            throw fail("'" + base + "' is not a range");
        }
        int start = value(bounds[0]);
        if (bounds.length == 2) {
            int end = value(bounds[1]);
            if (field == WEEKDAY && end == 0 && start > 0) {
                // FRI-SUN can only mean up to the Sunday that ends the week
                end = 7;
            }
            if (start > end) {
                throw fail("range " + base + " runs backwards");
            }
            return new Item(Kind.RANGE, start, end, step);
        }
        return step == 0 ? new Item(Kind.VALUE, start, start, 0) : new Item(Kind.FROM, start, top, step);
    }

    private int step(String step) {
        int largest = field.max - field.min;
        if (!NUMBER.matcher(step).matches() || number(step) < 1 || number(step) > largest) {
            throw fail("step '" + step + "' must be a number from 1 to " + largest);
        }
        return number(step);
    }

    private int value(String token) {
        if (NUMBER.matcher(token).matches()) {
            int value = number(token);
            if (value < field.min || value > field.max) {
                throw fail("value " + token + " out of range " + field.min + "-" + field.max);
            }
            return value;
        }
        String upper = token.toUpperCase(Locale.ROOT);
        int named = field.valueOfName(upper);
        if (named >= 0) {
            return named;
        }
        String misplaced = misplacedSpecial(upper);
        if (misplaced != null) {
            throw fail(misplaced);
        }
        if (field.hasNames() && upper.matches("[A-Z]+")) {
            throw fail("unknown " + field.label() + " name '" + token + "'");
        }
        throw fail("'" + token + "' is not a number");
    }

    /** Explains an L, W or # found where it does not belong, or returns null. */
    private String misplacedSpecial(String token) {
        String alone = "'" + token + "' must stand alone, not in a list, range or step";
        if (token.contains("#")) {
            return field == WEEKDAY ? alone : "'#' is only allowed in the weekday field";
        }
        if (token.matches("\\d*W|LW")) {
            return field == DAY ? alone : "'W' is only allowed in the day field";
        }
        if (token.matches("[A-Z0-9]*L")) {
            return field == DAY || field == WEEKDAY ? alone : "'L' is only allowed in the day and weekday fields";
        }
        return null;
    }

    /** Parses digits; anything too long for an int is surely out of range, so it saturates. */
    private static int number(String digits) {
        return digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }

    private CronException fail(String reason) {
        return new CronException(field.label(), field.label() + " field '" + text + "': " + reason);
    }

    private enum Kind { ANY, VALUE, FROM, RANGE }

    /** One list element: '*', a value, 'value/step' or a range, each with an optional step. */
    private record Item(Kind kind, int start, int end, int step) {

        IntStream values() {
            return IntStream.iterate(start, v -> v <= end, v -> v + Math.max(step, 1));
        }

        String toQuartz() {
            String stepSuffix = step == 0 ? "" : "/" + step;
            return switch (kind) {
                case ANY -> "*" + stepSuffix;
                case VALUE -> String.valueOf(start);
                case FROM -> start + stepSuffix;
                case RANGE -> start + "-" + end + stepSuffix;
            };
        }
    }
}
