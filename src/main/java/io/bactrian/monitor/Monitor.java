package io.bactrian.monitor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.camel.Exchange;

/**
 * One monitor of a monitor list ({@code monitors/*.yaml}): its id, its kind (the route that checks
 * it) and its settings as written, with the file's defaults filled in. Two versions of a monitor
 * are equal when nothing in them differs, so a reload finds what changed by comparing them.
 *
 * @param id       unique over all monitor files; names the monitor in history, alerts and metrics
 * @param kind     the check kind: the route {@code from: schedule:<kind>} that runs it
 * @param file     the file it is written in, for messages
 * @param settings every other key, kebab-case as written ({@code expect-status}), values as text
 */
public record Monitor(String id, String kind, String file, Map<String, String> settings) {
    /** The exchange property a kind's schedule puts the monitor in; routes read it as {@code ${exchangeProperty.monitor}}. */
    public static final String PROPERTY = "monitor";
    /** Keys every kind knows, read by the schedule, the channels and the status page. */
    public static final Set<String> COMMON = Set.of("cron", "time-zone", "enabled", "channels", "severity", "group",
            "description", "private", "tags");

    public Monitor {
        settings = Map.copyOf(settings);
    }

    /** The monitor a kind's schedule runs in this exchange, or null in a route of its own. */
    public static Monitor of(Exchange exchange) {
        return exchange.getProperty(PROPERTY, Monitor.class);
    }

    /** The id of the monitor the exchange runs: the monitor's, else the route's (one route, one monitor). */
    public static String idOf(Exchange exchange) {
        Monitor monitor = of(exchange);
        return monitor != null ? monitor.id() : exchange.getFromRouteId();
    }

    /** This monitor with {@code defaults} (kebab-case, a kind's) under its own settings. */
    public Monitor under(Map<String, String> defaults) {
        if (defaults.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>(defaults);
        merged.putAll(settings);
        return new Monitor(id, kind, file, merged);
    }

    /** A setting as written, or null. */
    public String setting(String key) {
        return settings.get(key);
    }

    /** Its {@code tags} (a list, or words between commas), in the order written; empty when none. */
    public List<String> tags() {
        String tags = settings.get("tags");
        return tags == null ? List.of()
                : Arrays.stream(tags.split(",")).map(String::strip).filter(t -> !t.isEmpty()).distinct().toList();
    }

    public String cron() {
        return settings.get("cron");
    }

    /**
     * The settings for the kind's steps, in camelCase as endpoint parameters: each step takes
     * those it has ({@code time-zone} is the schedule's and the alert rule's).
     */
    public Map<String, Object> stepSettings() {
        Map<String, Object> steps = new LinkedHashMap<>();
        settings.forEach((key, value) -> steps.put(camelCase(key), value));
        return steps;
    }

    /** {@code expect-status} to {@code expectStatus}, as endpoint parameters are named. */
    public static String camelCase(String key) {
        StringBuilder sb = new StringBuilder(key.length());
        boolean up = false;
        for (char c : key.toCharArray()) {
            if (c == '-') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }

    /** {@code expectStatus} to {@code expect-status}, for messages in the user's spelling. */
    public static String kebabCase(String parameter) {
        StringBuilder sb = new StringBuilder(parameter.length() + 4);
        for (char c : parameter.toCharArray()) {
            if (Character.isUpperCase(c)) {
                sb.append('-').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return kind + " monitor '" + id + "' (" + file + ")";
    }
}
