package io.bactrian.probe.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What an expression gives: series (label set to value), or one scalar. A rule that reads a
 * counter's rate has nothing to give on the first scrape: then {@code waiting} is set.
 */
record Series(boolean scalar, Map<Map<String, String>, Double> values, boolean waiting) {

    static Series scalar(double v) {
        return new Series(true, Map.of(Map.of(), v), false);
    }

    static Series vector(Map<Map<String, String>, Double> values, boolean waiting) {
        return new Series(false, values, waiting);
    }

    double scalarValue() {
        return values.values().iterator().next();
    }

    /** Labels as Prometheus writes them: {@code {device="sda",mountpoint="/"}}; {@code {}} for none. */
    static String labels(Map<String, String> labels) {
        return labels.entrySet().stream()
                .map(e -> e.getKey() + "=\"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
    }

    static Map<Map<String, String>, Double> empty() {
        return new LinkedHashMap<>();
    }
}
