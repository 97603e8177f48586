package io.bactrian.probe.db;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.bactrian.core.Table;
import io.bactrian.core.TableDetail;

/**
 * What one run of a monitoring query returned, and which rows crossed a threshold. Alerts show
 * it as a table (the query's columns and the result per row, failing rows first).
 *
 * @param target  the database, as its JDBC URL without parameters
 * @param at      when the query ended
 * @param columns the columns shown, as the query names them
 * @param rows    per row: the shown values as text, and its problems (empty when fine)
 * @param ms      how long the query took
 */
public record QueryReport(String target, Instant at, List<String> columns, List<Row> rows, double ms) implements TableDetail {

    public record Row(List<String> values, List<String> problems) {
    }

    public List<String> problems() {
        return rows.stream().flatMap(r -> r.problems().stream()).toList();
    }

    @Override
    public Table table() {
        List<Table.Row> failing = new ArrayList<>();
        List<Table.Row> fine = new ArrayList<>();
        for (Row r : rows) {
            List<String> cells = new ArrayList<>(r.values());
            boolean failed = !r.problems().isEmpty();
            cells.add(failed ? String.join("; ", r.problems()) : "ok");
            (failed ? failing : fine).add(new Table.Row(cells, failed));
        }
        List<String> header = new ArrayList<>(columns);
        header.add("Result");
        failing.addAll(fine);
        return new Table(header, failing);
    }
}
