package io.bactrian.web;

import java.util.Map;

import io.bactrian.history.StatusView.Summary;

/** What each badge of a monitor says, from its line of the overview. */
final class MonitorBadges {
    /** The overview's states as the status badge words and colours them. */
    private static final Map<String, Badge> STATES = Map.of(
            "up", new Badge("status", "up", "brightgreen"),
            "down", new Badge("status", "down", "red"),
            // the last check failed but the alert rule has not called the monitor down (yet)
            "failing", new Badge("status", "degraded", "orange"),
            "maintenance", new Badge("status", "maintenance", "blue"),
            "unknown", new Badge("status", "unknown", "lightgrey"));

    private MonitorBadges() {
    }

    /** The badge {@code name} names ({@code status}, {@code uptime/24h}, {@code response-time}); null for no such badge. */
    static Badge of(String name, Summary s) {
        return switch (name) {
            case "status" -> STATES.getOrDefault(s.state(), STATES.get("unknown"));
            case "uptime/24h" -> uptime("uptime 24h", s.uptime24h());
            case "uptime/7d" -> uptime("uptime 7d", s.uptime7d());
            case "uptime/30d" -> uptime("uptime 30d", s.uptime30d());
            case "response-time" -> responseTime(s.latencyMs());
            default -> null;
        };
    }

    private static Badge uptime(String label, Double percent) {
        if (percent == null) {
            return new Badge(label, "no data", "lightgrey");
        }
        String color = percent >= 99.9 ? "brightgreen" : percent >= 99 ? "green" : percent >= 97 ? "yellowgreen"
                : percent >= 95 ? "yellow" : percent >= 90 ? "orange" : "red";
        return new Badge(label, Html.percent(percent), color);
    }

    /** The last check's response time: what a reader of the badge expects "now" to mean. */
    private static Badge responseTime(Double ms) {
        if (ms == null || ms.isNaN()) {
            return new Badge("response time", "no data", "lightgrey");
        }
        String color = ms <= 200 ? "brightgreen" : ms <= 500 ? "green" : ms <= 1000 ? "yellow" : ms <= 2000 ? "orange"
                : "red";
        return new Badge("response time", Html.ms(ms), color);
    }
}
