package io.bactrian.history;

import static io.bactrian.history.HistorySchema.DAY;
import static io.bactrian.history.HistorySchema.HOUR;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.bactrian.history.Stats.StoredAlert;
import io.bactrian.store.Rows;
import io.bactrian.store.Rows.Check;
import io.bactrian.store.Rows.Lag;
import io.bactrian.store.Rows.Probe;
import io.bactrian.store.SqlDialect;

/**
 * What the history answers: each monitor's state from memory, its rows and rollups from the
 * database (one read at a time on the readers' connection, beside the writer).
 */
public final class HistoryQueries {
    /** The columns of a {@link Check}, in the order {@link #check} reads them. */
    static final String CHECK_COLUMNS = "monitor, at_ms, up, total_ms, failure_class, reason, target";

    private final HistoryDatabase database;
    private final MonitorStates states;

    HistoryQueries(HistoryDatabase database, MonitorStates states) {
        this.database = database;
        this.states = states;
    }

    /** Each monitor's last check, those of earlier runs included once the database is open. */
    public Map<String, Check> latest() {
        database.awaitOpen();
        return states.latest();
    }

    /** Whether the monitor has an incident open: its last DOWN or REMINDER came after its last RESOLVED. */
    public boolean down(String monitor) {
        return states.down(monitor);
    }

    /** When the monitor's last incident opened or closed; null when none is kept. */
    public Long changed(String monitor) {
        return states.changed(monitor);
    }

    /** The monitor's last check written to the database; null when none is. */
    Check written(String monitor) {
        return states.written(monitor);
    }

    /** checks and ups per hour since {@code fromMs} of the monitors given: monitor -> hour -> {checks, ups}. */
    public Map<String, Map<Long, long[]>> hourly(Collection<String> monitors, long fromMs) throws SQLException {
        return periods("cm_hourly", "hour_ms", monitors, Math.floorDiv(fromMs, HOUR) * HOUR);
    }

    /** checks and ups per UTC day since the day of {@code fromMs}: monitor -> day -> {checks, ups}. */
    public Map<String, Map<Long, long[]>> daily(String monitor, long fromMs) throws SQLException {
        return periods("cm_daily", "day_ms", List.of(monitor), Math.floorDiv(fromMs, DAY) * DAY);
    }

    /**
     * The rollup rows of each monitor given from {@code from}, one lookup per monitor on the
     * primary key with one statement: with {@code monitor IN (...)}, H2 scanned the index on
     * the period instead, every monitor's rows of the period.
     */
    private Map<String, Map<Long, long[]>> periods(String table, String column, Collection<String> monitors,
                                                   long from) throws SQLException {
        Map<String, Map<Long, long[]>> out = new LinkedHashMap<>();
        rows(table, column, monitors, from, Long.MAX_VALUE, (monitor, start, checks, ups) ->
                out.computeIfAbsent(monitor, m -> new LinkedHashMap<>()).put(start, new long[]{checks, ups}));
        return out;
    }

    private interface RollupRow {
        void add(String monitor, long start, long checks, long ups);
    }

    private void rows(String table, String column, Collection<String> monitors, long from, long to, RollupRow row)
            throws SQLException {
        if (monitors.isEmpty() || from >= to) {
            return;
        }
        database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + column + ", checks, ups FROM " + table
                    + " WHERE monitor = ? AND " + column + " >= ? AND " + column + " < ?")) {
                for (String monitor : monitors) {
                    s.setString(1, monitor);
                    s.setLong(2, from);
                    s.setLong(3, to);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            row.add(monitor, rs.getLong(1), rs.getLong(2), rs.getLong(3));
                        }
                    }
                }
            }
            return null;
        });
    }

    /**
     * Checks and passes since the start of the hour of {@code fromMs}, per monitor of those
     * given: whole days from the daily rollup, the hours before the first of them from the
     * hourly one.
     */
    public Map<String, long[]> uptimeCounts(Collection<String> monitors, long fromMs) throws SQLException {
        long fromHour = Math.floorDiv(fromMs, HOUR) * HOUR;
        long firstDay = Math.floorDiv(fromHour + DAY - 1, DAY) * DAY;
        Map<String, long[]> out = new LinkedHashMap<>();
        RollupRow sum = (monitor, start, checks, ups) -> {
            long[] n = out.computeIfAbsent(monitor, m -> new long[2]);
            n[0] += checks;
            n[1] += ups;
        };
        rows("cm_daily", "day_ms", monitors, firstDay, Long.MAX_VALUE, sum);
        rows("cm_hourly", "hour_ms", monitors, fromHour, firstDay, sum);
        return out;
    }

    /** One monitor's daily latency rollups of the UTC days from {@code fromDay} up to {@code toDay}. */
    public List<LatencyDay> latencyDays(String monitor, long fromDay, long toDay) throws SQLException {
        return database.read(c -> LatencyRollups.read(c, monitor, fromDay, toDay));
    }

    /** Alert events since {@code fromMs} in time order, for one monitor or all. */
    public List<StoredAlert> alerts(String monitor, long fromMs) throws SQLException {
        String sql = "SELECT monitor, at_ms, kind, down_since_ms, failure_class, reason FROM cm_alert WHERE at_ms >= ?"
                + (monitor == null ? "" : " AND monitor = ?") + " ORDER BY monitor, at_ms";
        return database.read(c -> {
            List<StoredAlert> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setLong(1, fromMs);
                if (monitor != null) {
                    s.setString(2, monitor);
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        long ds = rs.getLong(4);
                        Long downSince = rs.wasNull() ? null : ds;
                        out.add(new StoredAlert(rs.getString(1), rs.getLong(2), rs.getString(3), downSince,
                                rs.getString(5), rs.getString(6)));
                    }
                }
            }
            return out;
        });
    }

    /** One monitor's probes since {@code fromMs}, in time order. */
    public List<Probe> probes(String monitor, long fromMs) throws SQLException {
        return probes(monitor, fromMs, Long.MAX_VALUE);
    }

    /** One monitor's probes from {@code fromMs} up to, not including, {@code toMs}, in time order. */
    public List<Probe> probes(String monitor, long fromMs, long toMs) throws SQLException {
        return range("SELECT monitor, at_ms, node, region, isp, ip, status, ok, dns_ms, connect_ms, tls_ms, ttfb_ms,"
                + " download_ms, total_ms, size_bytes, reason FROM cm_probe WHERE monitor = ? AND at_ms >= ?"
                + " AND at_ms < ? ORDER BY at_ms", monitor, fromMs, toMs,
                rs -> new Probe(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getInt(7), rs.getBoolean(8), rs.getDouble(9), rs.getDouble(10),
                        rs.getDouble(11), rs.getDouble(12), rs.getDouble(13), rs.getDouble(14), rs.getLong(15),
                        rs.getString(16)));
    }

    /** One monitor's checks since {@code fromMs}, in time order. */
    public List<Check> checks(String monitor, long fromMs) throws SQLException {
        return range("SELECT " + CHECK_COLUMNS + " FROM cm_check WHERE monitor = ? AND at_ms >= ? AND at_ms < ?"
                + " ORDER BY at_ms", monitor, fromMs, Long.MAX_VALUE, HistoryQueries::check);
    }

    /** One Kafka lag monitor's rows (per group and topic) since {@code fromMs}, in time order. */
    public List<Lag> lags(String monitor, long fromMs) throws SQLException {
        return range("SELECT monitor, at_ms, grp, topic, lag, lag_seconds, status FROM cm_kafka_lag"
                + " WHERE monitor = ? AND at_ms >= ? AND at_ms < ? ORDER BY at_ms", monitor, fromMs, Long.MAX_VALUE,
                rs -> {
                    long n = rs.getLong(5);
                    Long lag = rs.wasNull() ? null : n;
                    double sec = rs.getDouble(6);
                    Double seconds = rs.wasNull() ? null : sec;
                    return new Lag(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), lag, seconds,
                            rs.getString(7));
                });
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** The rows of a query over one monitor within a time range. */
    private <T> List<T> range(String sql, String monitor, long fromMs, long toMs, Row<T> row) throws SQLException {
        return database.read(c -> {
            List<T> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(SqlDialect.of(c).statement(sql))) {
                s.setString(1, monitor);
                s.setLong(2, fromMs);
                s.setLong(3, toMs);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(row.read(rs));
                    }
                }
            }
            return out;
        });
    }

    /** Rows in each table, for the benchmark and the log. */
    public Map<String, Long> counts() throws SQLException {
        return database.read(c -> {
            Map<String, Long> out = new LinkedHashMap<>();
            for (HistorySchema.Table t : HistorySchema.TABLES) {
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + t.name())) {
                    rs.next();
                    out.put(t.name(), rs.getLong(1));
                }
            }
            return out;
        });
    }

    /** A check read from {@link #CHECK_COLUMNS}. */
    static Check check(ResultSet rs) throws SQLException {
        double total = rs.getDouble(4);
        Double totalMs = rs.wasNull() ? null : total;
        return new Check(rs.getString(1), rs.getLong(2), rs.getBoolean(3), totalMs, rs.getString(5), rs.getString(6),
                rs.getString(7));
    }
}
