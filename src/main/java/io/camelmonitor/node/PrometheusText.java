package io.camelmonitor.node;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples of a Prometheus text exposition, as a blackbox_exporter answers a probe: each series
 * ({@code name} or {@code name{label="value"}}, labels as written) and its value. HELP and TYPE
 * lines, timestamps and escapes inside label values are not needed for that and are ignored.
 */
final class PrometheusText {
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)(\\s+\\S+)?");

    private final Map<String, Double> samples;

    private PrometheusText(Map<String, Double> samples) {
        this.samples = samples;
    }

    static PrometheusText parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a Prometheus sample: " + line);
            }
            samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), number(m.group(3)));
        }
        return new PrometheusText(samples);
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    boolean has(String series) {
        return samples.containsKey(series);
    }

    /** The value of e.g. {@code probe_success} or {@code probe_http_duration_seconds{phase="tls"}}, or 0. */
    double value(String series) {
        return samples.getOrDefault(series, 0.0);
    }
}
