package io.bactrian.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.bactrian.store.SqlDialect;

/**
 * The history's tables, created when missing in plain SQL that H2 and PostgreSQL both speak
 * (and {@link SqlDialect} turns into MySQL's):
 * the rows as they come, and the rollups each write keeps up to date.
 */
final class HistorySchema {
    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;

    /**
     * A table and the column of the time it sorts by; a row goes once that time is older than
     * the retention, a rollup row (of {@code periodMs} from that time) once its whole period is.
     */
    record Table(String name, String timeColumn, long periodMs) {
    }

    /** Every table, probes before their checks: they are written the other way round. */
    static final List<Table> TABLES = List.of(new Table("cm_probe", "at_ms", 1), new Table("cm_check", "at_ms", 1),
            new Table("cm_alert", "at_ms", 1), new Table("cm_hourly", "hour_ms", HOUR),
            new Table("cm_daily", "day_ms", DAY), new Table("cm_latency_day", "day_ms", DAY),
            new Table("cm_kafka_lag", "at_ms", 1));

    private HistorySchema() {
    }

    /** Creates the tables and indexes that are missing; those there are left as they are. */
    static void create(Connection c) throws SQLException {
        SqlDialect dialect = SqlDialect.of(c);
        try (Statement s = c.createStatement()) {
            dialect.create(s, "CREATE TABLE IF NOT EXISTS cm_check (monitor VARCHAR(200) NOT NULL, at_ms BIGINT NOT NULL,"
                    + " up BOOLEAN NOT NULL, total_ms DOUBLE PRECISION, failure_class VARCHAR(100),"
                    + " reason VARCHAR(1000), target VARCHAR(2000))");
            dialect.create(s, "CREATE INDEX IF NOT EXISTS cm_check_monitor_at ON cm_check (monitor, at_ms)");
            dialect.create(s, "CREATE TABLE IF NOT EXISTS cm_probe (monitor VARCHAR(200) NOT NULL, at_ms BIGINT NOT NULL,"
                    + " node VARCHAR(200) NOT NULL, region VARCHAR(200), isp VARCHAR(100), ip VARCHAR(64),"
                    + " status INT, ok BOOLEAN NOT NULL, dns_ms DOUBLE PRECISION, connect_ms DOUBLE PRECISION,"
                    + " tls_ms DOUBLE PRECISION, ttfb_ms DOUBLE PRECISION, download_ms DOUBLE PRECISION,"
                    + " total_ms DOUBLE PRECISION, size_bytes BIGINT, reason VARCHAR(1000))");
            dialect.create(s, "CREATE INDEX IF NOT EXISTS cm_probe_monitor_at ON cm_probe (monitor, at_ms)");
            dialect.create(s, "CREATE TABLE IF NOT EXISTS cm_alert (monitor VARCHAR(200) NOT NULL, at_ms BIGINT NOT NULL,"
                    + " kind VARCHAR(20) NOT NULL, down_since_ms BIGINT, failure_class VARCHAR(100),"
                    + " reason VARCHAR(1000))");
            dialect.create(s, "CREATE INDEX IF NOT EXISTS cm_alert_monitor_at ON cm_alert (monitor, at_ms)");
            // rollups, kept up to date by each write: checks and passes per hour and per UTC day
            dialect.create(s, "CREATE TABLE IF NOT EXISTS cm_hourly (monitor VARCHAR(200) NOT NULL, hour_ms BIGINT NOT NULL,"
                    + " checks INT NOT NULL, ups INT NOT NULL, PRIMARY KEY (monitor, hour_ms))");
            dialect.create(s, "CREATE INDEX IF NOT EXISTS cm_hourly_hour ON cm_hourly (hour_ms)");
            dialect.create(s, "CREATE TABLE IF NOT EXISTS cm_daily (monitor VARCHAR(200) NOT NULL, day_ms BIGINT NOT NULL,"
                    + " checks INT NOT NULL, ups INT NOT NULL, PRIMARY KEY (monitor, day_ms))");
            dialect.create(s, "CREATE INDEX IF NOT EXISTS cm_daily_day ON cm_daily (day_ms)");
            dialect.create(s, LatencyRollups.createTable());
            dialect.create(s, "CREATE TABLE IF NOT EXISTS cm_kafka_lag (monitor VARCHAR(200) NOT NULL, at_ms BIGINT NOT NULL,"
                    + " grp VARCHAR(250) NOT NULL, topic VARCHAR(250) NOT NULL, lag BIGINT, lag_seconds DOUBLE PRECISION,"
                    + " status VARCHAR(10) NOT NULL)");
            dialect.create(s, "CREATE INDEX IF NOT EXISTS cm_kafka_lag_monitor_at ON cm_kafka_lag (monitor, at_ms)");
        }
    }
}
