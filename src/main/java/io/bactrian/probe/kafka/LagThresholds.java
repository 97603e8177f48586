package io.bactrian.probe.kafka;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Lag limits per group and per topic, written as {@code scope: limit, limit; scope: ...}:
 * <pre>
 * *: lag &gt; 10000, seconds &gt; 300; orders: lag &gt; 1000; orders/payments: lag &gt; 100, seconds &gt; 60
 * </pre>
 * A scope is a group ({@code orders}: the group's summed lag, its largest lag in seconds) or a
 * group's topic ({@code orders/payments}: the topic's summed lag); {@code *} stands for any
 * group, {@code *}{@code /payments} for the topic in any group. A group's own entry replaces
 * {@code *}. Limits: {@code lag} (messages), {@code seconds} (lag in seconds),
 * {@code partitionLag} (the largest partition's lag).
 */
public final class LagThresholds {
    /** Limits of one scope; -1: none. */
    public record Limits(long lag, double seconds, long partitionLag) {
        static final Limits NONE = new Limits(-1, -1, -1);
    }

    private final Map<String, Limits> scopes;

    private LagThresholds(Map<String, Limits> scopes) {
        this.scopes = scopes;
    }

    public static LagThresholds parse(String text) {
        Map<String, Limits> scopes = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return new LagThresholds(scopes);
        }
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("threshold '" + entry.strip()
                        + "' needs a scope: write 'group: lag > 1000' or '*: seconds > 300'");
            }
            String scope = entry.substring(0, colon).strip();
            long lag = -1;
            long partitionLag = -1;
            double seconds = -1;
            for (String limit : entry.substring(colon + 1).split(",")) {
                String[] parts = limit.strip().split("\\s*>\\s*");
                if (parts.length != 2 || parts[0].isEmpty()) {
                    throw new IllegalArgumentException("threshold '" + limit.strip() + "' of '" + scope
                            + "': write lag > N, seconds > N or partitionLag > N");
                }
                try {
                    switch (parts[0].toLowerCase(Locale.ROOT)) {
                        case "lag" -> lag = Long.parseLong(parts[1]);
                        case "seconds" -> seconds = Double.parseDouble(parts[1]);
                        case "partitionlag" -> partitionLag = Long.parseLong(parts[1]);
                        default -> throw new IllegalArgumentException("unknown threshold '" + parts[0] + "' of '" + scope
                                + "': use lag, seconds or partitionLag");
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("threshold '" + limit.strip() + "' of '" + scope + "': '"
                            + parts[1] + "' is not a number");
                }
            }
            if (scope.isEmpty()) {
                throw new IllegalArgumentException("threshold '" + entry.strip() + "' has an empty scope");
            }
            scopes.put(scope, new Limits(lag, seconds, partitionLag));
        }
        return new LagThresholds(scopes);
    }

    public Limits group(String group) {
        Limits own = scopes.get(group);
        return own != null ? own : scopes.getOrDefault("*", Limits.NONE);
    }

    public Limits topic(String group, String topic) {
        Limits own = scopes.get(group + "/" + topic);
        return own != null ? own : scopes.getOrDefault("*/" + topic, Limits.NONE);
    }
}
