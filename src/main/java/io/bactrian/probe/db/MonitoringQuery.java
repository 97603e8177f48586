package io.bactrian.probe.db;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

/** Runs a monitor's query (its SQL, or a ready-made one in the server's dialect) and judges the rows. */
final class MonitoringQuery {
    /** Rows judged and shown at most: a query gone wrong must not fill the alert. */
    static final int MAX_ROWS = 50;
    private static final int MAX_CELL = 100;

    private final String query;
    private final ColumnConditions conditions;
    private final long timeoutMs;

    MonitoringQuery(String query, ColumnConditions conditions, long timeoutMs) {
        this.query = query.strip();
        this.conditions = conditions;
        this.timeoutMs = timeoutMs;
    }

    QueryReport run(DataSource pool, String target) throws SQLException {
        long start = System.nanoTime();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            ReadyQueries.Ready ready = ReadyQueries.isName(query)
                    ? ReadyQueries.of(query, c.getMetaData().getDatabaseProductName() + " " + c.getMetaData()
                    .getDatabaseProductVersion()) : new ReadyQueries.Ready(query, List.of());
            // whole seconds is all JDBC offers; rounded up so the limit is never shorter than asked
            s.setQueryTimeout((int) Math.max(1, (timeoutMs + 999) / 1000));
            s.setMaxRows(MAX_ROWS);
            try (ResultSet rs = s.executeQuery(ready.sql())) {
                return judge(rs, ready.shown(), target, start);
            }
        }
    }

    private QueryReport judge(ResultSet rs, List<String> shown, String target, long start) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> names = new ArrayList<>();
        List<String> lower = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            names.add(meta.getColumnLabel(i));
            lower.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
        }
        List<String> missing = conditions.missing(lower);
        if (!missing.isEmpty()) {
            throw new SQLException("the query returns no column " + String.join(", ", missing) + " (it returns "
                    + String.join(", ", names) + ")");
        }
        // every column in the query's order, or those a ready-made query shows, in its order
        List<Integer> show = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (shown.isEmpty()) {
                show.add(i);
            }
        }
        for (String name : shown) {
            int i = lower.indexOf(name.toLowerCase(Locale.ROOT));
            if (i >= 0) {
                show.add(i);
            }
        }
        List<QueryReport.Row> rows = new ArrayList<>();
        while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                row.put(lower.get(i), rs.getObject(i + 1));
            }
            List<String> values = show.stream().map(i -> text(row.get(lower.get(i)))).toList();
            rows.add(new QueryReport.Row(values, conditions.problems(row)));
        }
        List<String> columns = show.stream().map(names::get).toList();
        return new QueryReport(target, Instant.now(), columns, rows, (System.nanoTime() - start) / 1e6);
    }

    private static String text(Object v) {
        if (v == null) {
            return "NULL";
        }
        String s;
        if (v instanceof BigDecimal d) {
            s = d.stripTrailingZeros().toPlainString();
        } else if (v instanceof Double || v instanceof Float) {
            // MySQL's arithmetic on status values gives doubles: 26, not 26.0
            double d = ((Number) v).doubleValue();
            s = Double.isFinite(d) ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : v.toString();
        } else {
            s = v.toString();
        }
        s = s.strip().replaceAll("\\s+", " ");
        return s.length() > MAX_CELL ? s.substring(0, MAX_CELL) + "..." : s;
    }
}
