package io.bactrian.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import io.bactrian.history.Stats.StoredAlert;
import io.bactrian.store.Rows;
import io.bactrian.store.Rows.Check;
import io.bactrian.store.Rows.Lag;
import io.bactrian.store.Rows.Probe;
import io.bactrian.store.SqlDialect;

/**
 * Writes batches of history rows on one connection: each batch in one transaction, each
 * table's rows as one JDBC batch, the rollups they change likewise (an update per rollup row,
 * an insert for those not there yet). The statements are prepared once and kept for the
 * connection's life: preparing them per batch made H2 parse each again and kept PostgreSQL
 * from ever using a server-side prepared statement.
 */
final class RowInserts implements AutoCloseable {
    private final Connection c;
    private final PreparedStatement check;
    private final PreparedStatement probe;
    private final PreparedStatement alert;
    private final PreparedStatement lag;
    private final CountRollup hourly;
    private final CountRollup daily;
    private final LatencyRollups latencies;

    RowInserts(Connection c) throws SQLException {
        this.c = c;
        check = c.prepareStatement("INSERT INTO cm_check (monitor, at_ms, up, total_ms, failure_class, reason, target)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)");
        probe = c.prepareStatement("INSERT INTO cm_probe (monitor, at_ms, node, region, isp, ip, status, ok, dns_ms,"
                + " connect_ms, tls_ms, ttfb_ms, download_ms, total_ms, size_bytes, reason)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        alert = c.prepareStatement("INSERT INTO cm_alert (monitor, at_ms, kind, down_since_ms, failure_class, reason)"
                + " VALUES (?, ?, ?, ?, ?, ?)");
        lag = c.prepareStatement(SqlDialect.of(c).statement("INSERT INTO cm_kafka_lag"
                + " (monitor, at_ms, grp, topic, lag, lag_seconds, status) VALUES (?, ?, ?, ?, ?, ?, ?)"));
        hourly = new CountRollup(c, "cm_hourly", "hour_ms", HistorySchema.HOUR);
        daily = new CountRollup(c, "cm_daily", "day_ms", HistorySchema.DAY);
        latencies = new LatencyRollups(c);
    }

    /**
     * Inserts the rows in one transaction with the rollups they change: checks per monitor and
     * hour and day for uptime, latencies per monitor, node and day for percentiles. On failure
     * the transaction is rolled back and the latency rows held are dropped (read again next time).
     */
    void write(List<?> rows) throws SQLException {
        c.setAutoCommit(false);
        try {
            List<Check> checks = new ArrayList<>();
            List<Probe> answered = new ArrayList<>();
            int probes = 0;
            int alerts = 0;
            int lags = 0;
            for (Object row : rows) {
                if (row instanceof Check k) {
                    add(k);
                    checks.add(k);
                } else if (row instanceof Probe p) {
                    add(p);
                    answered.add(p);
                    probes++;
                } else if (row instanceof StoredAlert a) {
                    add(a);
                    alerts++;
                } else if (row instanceof Lag l) {
                    add(l);
                    lags++;
                }
            }
            if (!checks.isEmpty()) {
                check.executeBatch();
            }
            if (probes > 0) {
                probe.executeBatch();
            }
            if (alerts > 0) {
                alert.executeBatch();
            }
            if (lags > 0) {
                lag.executeBatch();
            }
            hourly.add(checks);
            daily.add(checks);
            latencies.add(answered);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            latencies.forget();
            try {
                c.rollback();
            } catch (SQLException r) {
                e.addSuppressed(r);
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private void add(Check k) throws SQLException {
        check.setString(1, k.monitor());
        check.setLong(2, k.atMs());
        check.setBoolean(3, k.up());
        setDouble(check, 4, k.totalMs());
        check.setString(5, cut(k.failureClass(), 100));
        check.setString(6, cut(k.reason(), 1000));
        check.setString(7, cut(k.target(), 2000));
        check.addBatch();
    }

    private void add(Probe p) throws SQLException {
        probe.setString(1, p.monitor());
        probe.setLong(2, p.atMs());
        probe.setString(3, cut(p.node(), 200));
        probe.setString(4, cut(p.region(), 200));
        probe.setString(5, cut(p.isp(), 100));
        probe.setString(6, cut(p.ip(), 64));
        probe.setInt(7, p.status());
        probe.setBoolean(8, p.ok());
        probe.setDouble(9, p.dnsMs());
        probe.setDouble(10, p.connectMs());
        probe.setDouble(11, p.tlsMs());
        probe.setDouble(12, p.ttfbMs());
        probe.setDouble(13, p.downloadMs());
        probe.setDouble(14, p.totalMs());
        probe.setLong(15, p.sizeBytes());
        probe.setString(16, cut(p.reason(), 1000));
        probe.addBatch();
    }

    private void add(StoredAlert a) throws SQLException {
        alert.setString(1, a.monitor());
        alert.setLong(2, a.atMs());
        alert.setString(3, a.kind());
        if (a.downSinceMs() == null) {
            alert.setNull(4, Types.BIGINT);
        } else {
            alert.setLong(4, a.downSinceMs());
        }
        alert.setString(5, cut(a.failureClass(), 100));
        alert.setString(6, cut(a.reason(), 1000));
        alert.addBatch();
    }

    private void add(Lag l) throws SQLException {
        lag.setString(1, l.monitor());
        lag.setLong(2, l.atMs());
        lag.setString(3, cut(l.group(), 250));
        lag.setString(4, cut(l.topic(), 250));
        if (l.lag() == null) {
            lag.setNull(5, Types.BIGINT);
        } else {
            lag.setLong(5, l.lag());
        }
        setDouble(lag, 6, l.lagSeconds());
        lag.setString(7, l.status());
        lag.addBatch();
    }

    @Override
    public void close() {
        for (Statement s : List.of(check, probe, alert, lag)) {
            try {
                s.close();
            } catch (SQLException e) {
                // the connection is closed next
            }
        }
        hourly.close();
        daily.close();
        latencies.close();
    }

    static void setDouble(PreparedStatement s, int i, Double v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.DOUBLE);
        } else {
            s.setDouble(i, v);
        }
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
