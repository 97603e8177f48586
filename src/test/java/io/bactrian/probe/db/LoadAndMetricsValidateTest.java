package io.bactrian.probe.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import io.bactrian.testing.MonitorProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate} names the file, monitor and field of every bad database-load and server-metrics setting. */
class LoadAndMetricsValidateTest {
    @TempDir
    Path dir;

    @Test
    void badSettingsAreNamedWhetherTheMonitorsAreOffOrOn() throws Exception {
        MonitorProcess.copyProject(dir);
        MonitorProcess.setProperty(dir, "mysql-load.thresholds", "threads_running >> 20");
        MonitorProcess.setProperty(dir, "server-metrics.thresholds", "node_load1{job=\"x\" > 4");
        String off = MonitorProcess.validate(dir);
        assertTrue(off.startsWith("2\n"), "off (no jdbc-url, no url), yet a mistake to fix before switching on: " + off);
        assertTrue(off.contains("routes/mysql-load.yaml: monitor 'mysql-load': db-query: thresholds: "), off);
        assertTrue(off.contains("routes/server-metrics.yaml: monitor 'server-metrics': metric-check: thresholds: "), off);
        assertTrue(off.contains("2 problem(s) found"), "no complaint that the off monitors have no target: " + off);

        MonitorProcess.setProperty(dir, "mysql-load.jdbc-url", "jdbc:mysql://db.example.com:3306/shop");
        MonitorProcess.setProperty(dir, "postgres-load.jdbc-url", "jdbc:oracle:thin:@db.example.com:1521:shop");
        MonitorProcess.setProperty(dir, "server-metrics.url", "http://127.0.0.1:9100/metrics");
        String result = MonitorProcess.validate(dir);
        assertTrue(result.startsWith("2\n"), result);
        assertTrue(result.contains("routes/mysql-load.yaml: monitor 'mysql-load': db-query: thresholds: 'threads_running >> 20'"
                + " is not a threshold: write <column> <op> <number>"), result);
        assertTrue(result.contains("routes/postgres-load.yaml: monitor 'postgres-load': db-query: jdbcUrl: "
                + "'jdbc:oracle:thin:@db.example.com:1521:shop' is not a MySQL, MariaDB or PostgreSQL URL"), result);
        assertTrue(result.contains("routes/server-metrics.yaml: monitor 'server-metrics': metric-check: thresholds: "
                + "'node_load1{job=\"x\"' is not a metric expression"), result);
        assertTrue(result.contains("3 problem(s) found"), result);

        MonitorProcess.setProperty(dir, "mysql-load.thresholds", "threads_running > 20");
        MonitorProcess.setProperty(dir, "mysql-load.query", "threads");
        MonitorProcess.setProperty(dir, "postgres-load.jdbc-url", "jdbc:postgresql://db.example.com:5432/shop?ssl=true");
        MonitorProcess.setProperty(dir, "postgres-load.timeout", "soon");
        MonitorProcess.setProperty(dir, "server-metrics.thresholds", "rate(node_cpu_seconds_total{mode=\"idle\"}) < 0.1; "
                + "node_filesystem_avail_bytes{fstype=~\"ext4|xfs\"} / node_filesystem_size_bytes * 100 < 10");
        result = MonitorProcess.validate(dir);
        assertTrue(result.contains("routes/mysql-load.yaml: monitor 'mysql-load': db-query: query: no ready-made query "
                + "'threads': use one of threads-running, connections, replication, slow-queries, or write the SQL"), result);
        assertTrue(result.contains("routes/postgres-load.yaml: monitor 'postgres-load': db-query: timeout 'soon': not a "
                + "duration above zero such as 30d, 12h, 90m, 45s or 2500ms"), result);
        assertTrue(result.contains("2 problem(s) found"), result);

        MonitorProcess.setProperty(dir, "mysql-load.query", "SELECT COUNT(*) AS waiting FROM information_schema.PROCESSLIST "
                + "WHERE STATE LIKE '%lock%'");
        MonitorProcess.setProperty(dir, "mysql-load.thresholds", "waiting > 5");
        MonitorProcess.setProperty(dir, "postgres-load.timeout", "3s");
        result = MonitorProcess.validate(dir);
        assertEquals("0", result.substring(0, 1), result);
    }
}
