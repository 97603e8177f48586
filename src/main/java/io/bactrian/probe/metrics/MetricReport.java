package io.bactrian.probe.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.bactrian.core.CheckResult;
import io.bactrian.core.Table;
import io.bactrian.core.TableDetail;
import io.bactrian.probe.Comparison;
import io.bactrian.probe.ProbeResult;
import io.bactrian.store.HistoryRows;
import io.bactrian.store.Rows.Probe;

/**
 * One scrape judged: a row per rule and series, with the series' labels, its value and what
 * is wrong with it. Alerts show it as a table, failing rows first.
 *
 * @param target the scraped URL
 * @param at     when it was scraped
 * @param rows   per rule, per series
 * @param scrape the HTTP exchange that fetched the metrics, for the status page's timings
 */
public record MetricReport(String target, Instant at, List<Row> rows, ProbeResult scrape)
        implements TableDetail, HistoryRows {

    /**
     * {@code value} NaN when the rule gave no series; {@code problem} null when fine, else short:
     * "4 < 10", "no series matches".
     */
    public record Row(String expression, String rule, String labels, double value, String problem) {
        /** The problem as a reason says it: the expression, its value against the limit, the series' labels. */
        public String reason() {
            return Double.isNaN(value) ? problem + " " + expression
                    : expression + " = " + problem + ("{}".equals(labels) ? "" : " " + labels);
        }
    }

    public static final List<String> HEADER = List.of("Threshold", "Series", "Value", "Result");

    public List<String> problems() {
        return rows.stream().filter(r -> r.problem() != null).map(Row::reason).toList();
    }

    /** The scrape's timings, as a probe from the instance itself; none when it was not fetched. */
    @Override
    public List<Probe> probes(CheckResult result, long atMs) {
        return scrape == null ? List.of() : scrape.probes(result, atMs);
    }

    @Override
    public Table table() {
        List<Table.Row> failing = new ArrayList<>();
        List<Table.Row> fine = new ArrayList<>();
        for (Row r : rows) {
            boolean failed = r.problem() != null;
            (failed ? failing : fine).add(new Table.Row(List.of(r.rule(), r.labels(),
                    Double.isNaN(r.value()) ? "-" : Comparison.number(r.value()), failed ? r.problem() : "ok"), failed));
        }
        failing.addAll(fine);
        return new Table(HEADER, failing);
    }
}
