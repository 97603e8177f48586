package io.bactrian.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Samples of a Prometheus text exposition (format 0.0.4), as node_exporter serves {@code /metrics}
 * and blackbox_exporter answers a probe: each series, its labels and its value. HELP and TYPE
 * lines and timestamps are not needed and are skipped.
 */
public final class PrometheusText {

    /** One sample; labels sorted by name, values unescaped. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;
    private final Map<String, Double> byText;

    private PrometheusText(List<Sample> samples, Map<String, Double> byText) {
        this.samples = samples;
        this.byText = byText;
    }

    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, Double> byText = new LinkedHashMap<>();
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                Line parsed = new Line(line);
                samples.add(parsed.sample);
                byText.put(parsed.series, parsed.sample.value());
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("not a Prometheus sample (line " + lineNo + "): "
                        + (line.length() > 80 ? line.substring(0, 80) + "..." : line));
            }
        }
        return new PrometheusText(List.copyOf(samples), byText);
    }

    public List<Sample> samples() {
        return samples;
    }

    /** Whether the series is there, written as the exposition writes it, e.g. {@code probe_http_duration_seconds{phase="tls"}}. */
    public boolean has(String series) {
        return byText.containsKey(series);
    }

    /** The value of a series written as the exposition writes it, or 0. */
    public double value(String series) {
        return byText.getOrDefault(series, 0.0);
    }

    /** One sample line: {@code name{label="value",...} value [timestamp]}. */
    private static final class Line {
        private final String text;
        private int pos;
        final Sample sample;
        final String series;

        Line(String text) {
            this.text = text;
            String name = name();
            Map<String, String> labels = new TreeMap<>();
            if (pos < text.length() && text.charAt(pos) == '{') {
                pos++;
                skipSpaces();
                while (text.charAt(pos) != '}') {
                    String label = name();
                    skipSpaces();
                    expect('=');
                    skipSpaces();
                    labels.put(label, quoted());
                    skipSpaces();
                    if (text.charAt(pos) == ',') {
                        pos++;
                        skipSpaces();
                    }
                }
                pos++;
            }
            series = text.substring(0, pos);
            String[] rest = text.substring(pos).strip().split("\\s+");
            if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
                throw new IllegalArgumentException("value");
            }
            sample = new Sample(name, labels, number(rest[0]));
        }

        private String name() {
            int start = pos;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                boolean ok = Character.isLetter(c) || c == '_' || c == ':' || (pos > start && Character.isDigit(c));
                if (!ok || c > 127) {
                    break;
                }
                pos++;
            }
            if (pos == start) {
                throw new IllegalArgumentException("name");
            }
            return text.substring(start, pos);
        }

        private String quoted() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (text.charAt(pos) != '"') {
                char c = text.charAt(pos++);
                if (c == '\\') {
                    char e = text.charAt(pos++);
                    sb.append(e == 'n' ? '\n' : e);
                } else {
                    sb.append(c);
                }
            }
            pos++;
            return sb.toString();
        }

        private void expect(char c) {
            if (text.charAt(pos) != c) {
                throw new IllegalArgumentException("expected " + c);
            }
            pos++;
        }

        private void skipSpaces() {
            while (pos < text.length() && text.charAt(pos) == ' ') {
                pos++;
            }
        }
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
