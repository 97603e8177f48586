package io.bactrian.core;

import java.time.Duration;
import java.time.format.DateTimeParseException;

import org.apache.camel.util.TimeUtils;

/**
 * The one reader of durations, as the properties and route files write them: {@code 30d},
 * {@code 1h30m}, {@code 10s}, {@code 2500ms}, ISO-8601 {@code PT10S}, or plain milliseconds.
 * Read strictly: Camel's own parser turns {@code -1h}, {@code 30x} and {@code PT10S} into 0,
 * which would silently switch a reminder or the retention off, or fail every check at once.
 */
public final class Durations {
    private Durations() {
    }

    /** A duration above zero. */
    public static Duration positive(String field, String text) {
        Duration d = parse(text);
        if (d == null || d.isZero()) {
            throw new IllegalArgumentException(field + " '" + text + "': not a duration above zero such as 30d, 12h, 90m, 45s or 2500ms");
        }
        return d;
    }

    /** A duration of zero or more: 0 means "off". */
    public static Duration zeroOrMore(String field, String text) {
        Duration d = parse(text);
        if (d == null) {
            throw new IllegalArgumentException(field + " '" + text + "': not a duration such as 1h, 30m or 0 (off)");
        }
        return d;
    }

    /** Null when the text is no duration; zero only when it is written as one. */
    private static Duration parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.matches("0+\\s*(ms|s|m|h|d)?")) {
            return Duration.ZERO;
        }
        if (t.matches("(?i)P.+")) {
            try {
                Duration d = Duration.parse(t);
                return d.isNegative() ? null : d;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        try {
            long millis = TimeUtils.toMilliSeconds(t);
            return millis > 0 ? Duration.ofMillis(millis) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
