package io.bactrian.probe.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.bactrian.probe.Comparison;
import io.bactrian.probe.ProbeResult;

/**
 * A monitor's metric thresholds, separated by {@code ;}: each {@code <expression> <op> <number>},
 * met by a series when the server is in trouble, e.g.
 * {@code node_filesystem_avail_bytes{mountpoint="/"} / node_filesystem_size_bytes{mountpoint="/"} * 100 < 10}.
 */
public final class MetricRules {
    // the comparison is the last operator outside quotes, before a number at the end
    private static final Pattern RULE = Pattern.compile("(.*?)\\s*(" + Comparison.PATTERN + ")\\s*(-?[0-9.]+(?:[eE][-+]?[0-9]+)?)\\s*");

    record Rule(MetricExpression expression, Comparison op, double limit, String text) {
    }

    private final List<Rule> rules;

    private MetricRules(List<Rule> rules) {
        this.rules = rules;
    }

    public static MetricRules parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String part : text == null ? new String[0] : text.split(";(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
            if (part.isBlank()) {
                continue;
            }
            Matcher m = RULE.matcher(part.strip());
            if (!m.matches() || m.group(1).isBlank()) {
                throw new IllegalArgumentException("thresholds: '" + part.strip() + "' is not a threshold: write "
                        + "<expression> <op> <number>, e.g. node_load1 > 4");
            }
            try {
                rules.add(new Rule(MetricExpression.parse(m.group(1)), Comparison.of(m.group(2)),
                        Double.parseDouble(m.group(3)), part.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("thresholds: " + e.getMessage());
            }
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("thresholds: none given: write e.g. node_load1 > 4");
        }
        return new MetricRules(List.copyOf(rules));
    }

    /** Every rule against this scrape (and the one before, for rates), one row per series. */
    MetricReport evaluate(String target, Scrape now, Scrape previous, ProbeResult fetched) {
        List<MetricReport.Row> rows = new ArrayList<>();
        for (Rule rule : rules) {
            Series series = rule.expression().eval(now, previous);
            if (series.values().isEmpty()) {
                rows.add(new MetricReport.Row(rule.expression().toString(), rule.text(),
                        series.waiting() ? "(rate needs a second scrape)" : "-", Double.NaN,
                        series.waiting() ? null : "no series matches"));
                continue;
            }
            for (Map.Entry<Map<String, String>, Double> e : series.values().entrySet()) {
                double v = e.getValue();
                boolean alert = !Double.isNaN(v) && rule.op().holds(v, rule.limit());
                rows.add(new MetricReport.Row(rule.expression().toString(), rule.text(), Series.labels(e.getKey()), v,
                        alert ? Comparison.number(v) + " " + rule.op() + " " + Comparison.number(rule.limit()) : null));
            }
        }
        return new MetricReport(target, now.at(), rows, fetched);
    }
}
