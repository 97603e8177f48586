package io.bactrian.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One threshold on a probe result, as a user writes it:
 * {@code totalMs < 2000}, {@code dnsMs <= 300}, {@code status == 2xx}, {@code certDays >= 14},
 * {@code body contains "ok"}, {@code $.status == "UP"} (a JSONPath of dots and [index]).
 */
public final class Condition {
    private static final Pattern NUMERIC = Pattern.compile(
            "(totalMs|dnsMs|connectMs|tlsMs|ttfbMs|downloadMs|sizeBytes|certDays)\\s*(" + Comparison.PATTERN + ")\\s*(-?[0-9.]+)");
    private static final Pattern STATUS = Pattern.compile("status\\s*==\\s*(.+)");
    private static final Pattern BODY = Pattern.compile("body\\s+(contains|!contains)\\s+\"(.*)\"");
    private static final Pattern JSON = Pattern.compile("(\\$[^\\s=!]*)\\s*(==|!=)\\s*(.+)");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String text;
    private final Check check;

    private interface Check {
        /** Null when the condition holds, else why not. */
        String failure(ProbeResult r);
    }

    private Condition(String text, Check check) {
        this.text = text;
        this.check = check;
    }

    public static Condition parse(String text) {
        String t = text.trim();
        Matcher m = NUMERIC.matcher(t);
        if (m.matches()) {
            String field = m.group(1);
            Comparison op = Comparison.of(m.group(2));
            double limit = Double.parseDouble(m.group(3));
            return new Condition(t, r -> {
                Double value = value(field, r);
                if (value == null) {
                    return field + " unknown";
                }
                return op.holds(value, limit) ? null
                        : String.format(Locale.ROOT, "%s %s (limit %s %s)", field, Comparison.number(value), op,
                                Comparison.number(limit));
            });
        }
        m = STATUS.matcher(t);
        if (m.matches()) {
            StatusExpectation expected = StatusExpectation.parse(m.group(1).replace("\"", ""));
            return new Condition(t, r -> expected.accepts(r.status()) ? null
                    : "HTTP " + r.status() + " (expected " + expected + ")");
        }
        m = BODY.matcher(t);
        if (m.matches()) {
            boolean must = m.group(1).equals("contains");
            String word = m.group(2);
            return new Condition(t, r -> {
                boolean has = r.body() != null && r.body().contains(word);
                return has == must ? null : "body " + (must ? "lacks" : "contains") + " \"" + word + "\"";
            });
        }
        m = JSON.matcher(t);
        if (m.matches()) {
            String path = m.group(1);
            String pointer = pointer(path);
            boolean equal = m.group(2).equals("==");
            String expected = m.group(3).trim().replaceAll("^\"(.*)\"$", "$1");
            return new Condition(t, r -> {
                String actual;
                try {
                    JsonNode node = MAPPER.readTree(r.body() == null ? "" : r.body()).at(pointer);
                    actual = node.isMissingNode() ? null : node.asText();
                } catch (Exception e) {
                    return "body is not JSON";
                }
                boolean same = expected.equals(actual);
                return same == equal ? null : path + " is " + (actual == null ? "missing" : "\"" + actual + "\"")
                        + " (expected " + (equal ? "" : "not ") + "\"" + expected + "\")";
            });
        }
        throw new IllegalArgumentException("'" + t + "' is not a condition: use e.g. totalMs < 2000, status == 2xx, "
                + "certDays >= 14, body contains \"ok\" or $.status == \"UP\"");
    }

    /** Whether the condition is on the response body: a body match or a JSONPath. */
    public boolean readsBody() {
        return BODY.matcher(text).matches() || JSON.matcher(text).matches();
    }

    /** {@code $.a.b[0]} as the JSON pointer {@code /a/b/0}. */
    private static String pointer(String path) {
        if (!path.startsWith("$")) {
            throw new IllegalArgumentException("'" + path + "': a JSONPath starts with $");
        }
        return path.substring(1).replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
    }

    private static Double value(String field, ProbeResult r) {
        return switch (field) {
            case "totalMs" -> r.totalMs();
            case "dnsMs" -> r.dnsMs();
            case "connectMs" -> r.connectMs();
            case "tlsMs" -> r.tlsMs();
            case "ttfbMs" -> r.ttfbMs();
            case "downloadMs" -> r.downloadMs();
            case "sizeBytes" -> (double) r.sizeBytes();
            case "certDays" -> r.certNotAfter() == null ? null
                    : (double) Duration.between(Instant.now(), r.certNotAfter()).toDays();
            default -> throw new IllegalStateException(field);
        };
    }

    /** Null when the result meets this condition, else a short reason. */
    public String failure(ProbeResult r) {
        return check.failure(r);
    }

    @Override
    public String toString() {
        return text;
    }
}
