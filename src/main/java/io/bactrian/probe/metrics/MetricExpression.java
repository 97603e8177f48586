package io.bactrian.probe.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.bactrian.probe.PrometheusText;

/**
 * A small part of PromQL, enough for host thresholds: series selectors with label matchers
 * ({@code node_filesystem_avail_bytes{mountpoint="/",fstype!~"tmpfs|overlay"}}), numbers,
 * {@code + - * /} between series (matched on equal labels, as PromQL's one-to-one matching) or
 * with numbers, {@code rate(counter)} per second between this scrape and the previous one, and
 * {@code sum avg min max count}, optionally {@code by (label, ...)}.
 */
public final class MetricExpression {
    private static final Set<String> AGGREGATIONS = Set.of("sum", "avg", "min", "max", "count");

    interface Node {
        Series eval(Scrape now, Scrape previous);
    }

    private final String text;
    private final Node root;

    private MetricExpression(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    public static MetricExpression parse(String text) {
        Parser p = new Parser(text);
        Node root = p.expression();
        if (p.peek() != null) {
            throw p.error("unexpected '" + p.peek() + "'");
        }
        return new MetricExpression(text.strip(), root);
    }

    /** The expression's series in {@code now}; {@code previous} (or null) is the scrape before, for rates. */
    Series eval(Scrape now, Scrape previous) {
        return root.eval(now, previous);
    }

    @Override
    public String toString() {
        return text;
    }

    // ---- evaluation --------------------------------------------------------------------------

    private record Matcher(String label, String op, String value, Pattern regex) {
        boolean matches(Map<String, String> labels) {
            String v = labels.getOrDefault(label, "");
            return switch (op) {
                case "=" -> v.equals(value);
                case "!=" -> !v.equals(value);
                case "=~" -> regex.matcher(v).matches();
                default -> !regex.matcher(v).matches();
            };
        }
    }

    private record Selector(String name, List<Matcher> matchers) implements Node {
        @Override
        public Series eval(Scrape now, Scrape previous) {
            return Series.vector(select(now), false);
        }

        Map<Map<String, String>, Double> select(Scrape scrape) {
            Map<Map<String, String>, Double> out = Series.empty();
            for (PrometheusText.Sample s : scrape.text().samples()) {
                if (s.name().equals(name) && matchers.stream().allMatch(m -> m.matches(s.labels()))) {
                    out.put(s.labels(), s.value());
                }
            }
            return out;
        }
    }

    private record Rate(Selector counter) implements Node {
        @Override
        public Series eval(Scrape now, Scrape previous) {
            if (previous == null) {
                return Series.vector(Series.empty(), true);
            }
            double seconds = Duration.between(previous.at(), now.at()).toNanos() / 1e9;
            Map<Map<String, String>, Double> before = counter.select(previous);
            Map<Map<String, String>, Double> out = Series.empty();
            if (seconds <= 0) {
                return Series.vector(out, true);
            }
            counter.select(now).forEach((labels, v) -> {
                Double old = before.get(labels);
                if (old != null) {
                    // a counter that went down was reset: it counted v since then (as Prometheus assumes)
                    out.put(labels, (v >= old ? v - old : v) / seconds);
                }
            });
            return Series.vector(out, false);
        }
    }

    private record Aggregation(String op, List<String> by, Node argument) implements Node {
        @Override
        public Series eval(Scrape now, Scrape previous) {
            Series in = argument.eval(now, previous);
            Map<Map<String, String>, List<Double>> groups = new LinkedHashMap<>();
            in.values().forEach((labels, v) -> {
                Map<String, String> key = new TreeMap<>();
                for (String l : by) {
                    if (labels.containsKey(l)) {
                        key.put(l, labels.get(l));
                    }
                }
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(v);
            });
            Map<Map<String, String>, Double> out = Series.empty();
            groups.forEach((key, values) -> out.put(key, switch (op) {
                case "sum" -> values.stream().mapToDouble(Double::doubleValue).sum();
                case "avg" -> values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                case "min" -> values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
                case "max" -> values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
                default -> (double) values.size();
            }));
            return Series.vector(out, in.waiting());
        }
    }

    private record Number(double value) implements Node {
        @Override
        public Series eval(Scrape now, Scrape previous) {
            return Series.scalar(value);
        }
    }

    private record Binary(char op, Node left, Node right) implements Node {
        @Override
        public Series eval(Scrape now, Scrape previous) {
            Series l = left.eval(now, previous);
            Series r = right.eval(now, previous);
            if (l.scalar() && r.scalar()) {
                return Series.scalar(apply(l.scalarValue(), r.scalarValue()));
            }
            Map<Map<String, String>, Double> out = Series.empty();
            if (l.scalar()) {
                r.values().forEach((labels, v) -> out.put(labels, apply(l.scalarValue(), v)));
            } else if (r.scalar()) {
                l.values().forEach((labels, v) -> out.put(labels, apply(v, r.scalarValue())));
            } else {
                l.values().forEach((labels, v) -> {
                    Double other = r.values().get(labels);
                    if (other != null) {
                        out.put(labels, apply(v, other));
                    }
                });
            }
            return Series.vector(out, l.waiting() || r.waiting());
        }

        private double apply(double a, double b) {
            return switch (op) {
                case '+' -> a + b;
                case '-' -> a - b;
                case '*' -> a * b;
                default -> a / b;
            };
        }
    }

    // ---- parsing -----------------------------------------------------------------------------

    private static final class Parser {
        private final String text;
        private final List<String> tokens = new ArrayList<>();
        private int next;

        Parser(String text) {
            this.text = text;
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '"') {
                    int end = i + 1;
                    while (end < text.length() && text.charAt(end) != '"') {
                        end += text.charAt(end) == '\\' ? 2 : 1;
                    }
                    if (end >= text.length()) {
                        throw error("a label value's quote is not closed");
                    }
                    tokens.add(text.substring(i, end + 1));
                    i = end + 1;
                } else if (Character.isLetter(c) || c == '_' || c == ':') {
                    int end = i;
                    while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_'
                            || text.charAt(end) == ':')) {
                        end++;
                    }
                    tokens.add(text.substring(i, end));
                    i = end;
                } else if (Character.isDigit(c) || c == '.') {
                    int end = i;
                    while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.'
                            || text.charAt(end) == 'e' || text.charAt(end) == 'E')) {
                        end++;
                    }
                    tokens.add(text.substring(i, end));
                    i = end;
                } else if (i + 1 < text.length() && List.of("!=", "=~", "!~").contains(text.substring(i, i + 2))) {
                    tokens.add(text.substring(i, i + 2));
                    i += 2;
                } else if ("+-*/(){},=".indexOf(c) >= 0) {
                    tokens.add(String.valueOf(c));
                    i++;
                } else {
                    throw error("unexpected character '" + c + "'");
                }
            }
        }

        String peek() {
            return next < tokens.size() ? tokens.get(next) : null;
        }

        String take() {
            if (next >= tokens.size()) {
                throw error("it ends too early");
            }
            return tokens.get(next++);
        }

        void expect(String token) {
            String t = take();
            if (!t.equals(token)) {
                throw error("expected '" + token + "' but found '" + t + "'");
            }
        }

        IllegalArgumentException error(String why) {
            return new IllegalArgumentException("'" + text.strip() + "' is not a metric expression: " + why);
        }

        Node expression() {
            Node left = term();
            while ("+".equals(peek()) || "-".equals(peek())) {
                char op = take().charAt(0);
                left = new Binary(op, left, term());
            }
            return left;
        }

        Node term() {
            Node left = factor();
            while ("*".equals(peek()) || "/".equals(peek())) {
                char op = take().charAt(0);
                left = new Binary(op, left, factor());
            }
            return left;
        }

        Node factor() {
            String t = take();
            if (t.equals("(")) {
                Node inner = expression();
                expect(")");
                return inner;
            }
            if (Character.isDigit(t.charAt(0)) || t.charAt(0) == '.') {
                try {
                    return new Number(Double.parseDouble(t));
                } catch (NumberFormatException e) {
                    throw error("'" + t + "' is not a number");
                }
            }
            if (!(Character.isLetter(t.charAt(0)) || t.charAt(0) == '_' || t.charAt(0) == ':')) {
                throw error("unexpected '" + t + "'");
            }
            if (t.equals("rate") && "(".equals(peek())) {
                take();
                String name = take();
                Selector counter = selector(name);
                expect(")");
                return new Rate(counter);
            }
            if (AGGREGATIONS.contains(t) && ("(".equals(peek()) || "by".equals(peek()))) {
                List<String> by = "by".equals(peek()) ? by() : List.of();
                expect("(");
                Node argument = expression();
                expect(")");
                if (by.isEmpty() && "by".equals(peek())) {
                    by = by();
                }
                return new Aggregation(t, by, argument);
            }
            return selector(t);
        }

        private List<String> by() {
            take();
            expect("(");
            List<String> labels = new ArrayList<>();
            while (!")".equals(peek())) {
                labels.add(take());
                if (",".equals(peek())) {
                    take();
                }
            }
            take();
            return labels;
        }

        private Selector selector(String name) {
            if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
                throw error("'" + name + "' is not a metric name");
            }
            List<Matcher> matchers = new ArrayList<>();
            if ("{".equals(peek())) {
                take();
                while (!"}".equals(peek())) {
                    String label = take();
                    String op = take();
                    if (!List.of("=", "!=", "=~", "!~").contains(op)) {
                        throw error("label " + label + ": expected =, !=, =~ or !~ but found '" + op + "'");
                    }
                    String quoted = take();
                    if (!quoted.startsWith("\"")) {
                        throw error("label " + label + ": the value must be in double quotes");
                    }
                    String value = quoted.substring(1, quoted.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
                    Pattern regex = null;
                    if (op.contains("~")) {
                        try {
                            regex = Pattern.compile(value);
                        } catch (java.util.regex.PatternSyntaxException e) {
                            throw error("label " + label + ": bad regular expression " + quoted);
                        }
                    }
                    matchers.add(new Matcher(label, op, value, regex));
                    if (",".equals(peek())) {
                        take();
                    }
                }
                take();
            }
            return new Selector(name, matchers);
        }
    }
}
