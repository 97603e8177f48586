package io.bactrian.core;

import java.util.List;
import java.util.Set;

import org.apache.camel.spi.PropertiesComponent;

/**
 * One capability's check of its own settings (history's, mail's, the server's...), so that
 * validate and start-up only collect: what a setting may hold is said beside what reads it.
 */
public interface SettingsCheck {
    /** Where the settings are written; a -D option or an environment variable overrides them there. */
    String FILE = "application.properties";

    /** What is wrong with this capability's settings among {@code properties}; empty when nothing is. */
    List<Problem> problems(PropertiesComponent properties);

    /**
     * The keys this capability reads that application.properties need not show: validate knows
     * them as set, and names the nearest of them for a misspelt one.
     */
    default Set<String> keys() {
        return Set.of();
    }

    /** A problem with the setting {@code key}. */
    static Problem problem(String key, String message) {
        return new Problem(FILE, null, key, message);
    }

    /** The setting {@code key}, or {@code fallback} when it is not set. */
    static String value(PropertiesComponent properties, String key, String fallback) {
        return properties.resolveProperty(key).orElse(fallback);
    }

    /** A setting read as a whole number (an int) of at least {@code min}, as {@code key}'s reader parses it. */
    static void wholeNumber(PropertiesComponent properties, String key, int min, List<Problem> problems) {
        String value = value(properties, key, String.valueOf(min)).strip();
        if (!value.matches("\\d{1,9}") || Integer.parseInt(value) < min) {
            problems.add(problem(key, "'" + value + "': not a whole number" + (min == 0 ? "" : " above zero")));
        }
    }

    /** A setting read as a duration above zero ({@link Durations#positive}); {@code fallback} when not set. */
    static void positiveDuration(PropertiesComponent properties, String key, String fallback, List<Problem> problems) {
        try {
            Durations.positive(key, value(properties, key, fallback));
        } catch (IllegalArgumentException e) {
            problems.add(problem(key, e.getMessage().substring(key.length() + 1)));
        }
    }
}
