package io.bactrian.probe.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import io.bactrian.testing.Await;
import io.bactrian.testing.LocalOutbox;
import io.bactrian.testing.MonitorList;
import io.bactrian.testing.Postgres;
import io.bactrian.testing.RunningMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A db-load monitor of a monitor list against a real PostgreSQL: its threshold crossed sends
 * one DOWN to the mailbox, its password never reaches the log, and when the monitor is taken
 * out of the list its connection pool closes.
 */
class DbLoadMonitorsTest {
    private static final String PASSWORD = "pw-db-load-4f1c";

    @TempDir
    Path tmp;

    @Test
    void aCrossedThresholdIsDownAndARemovedMonitorClosesItsPool() throws Exception {
        String url = Postgres.newDatabase();
        String yaml = """
                monitors:
                  - id: shop-db
                    kind: db-load
                    cron: "* * * * * ? *"
                    jdbc-url: "%s"
                    username: postgres
                    password: "%s"
                    thresholds: "connections >= 1"
                    failure-threshold: 1
                """.formatted(url, PASSWORD);
        Map<String, String> p = MonitorList.app(tmp, yaml, "db-load-monitors.yaml");
        RunningMonitor.reloading(p, Files.createDirectories(tmp.resolve("routes")));
        p.put("monitors.reload-interval", "200");
        int logStart = MonitorList.log().length();
        try (RunningMonitor app = RunningMonitor.start(p)) {
            String text = LocalOutbox.text(new LocalOutbox(tmp.resolve("data")).await("shop-db", "DOWN", 1, 60_000));
            assertTrue(text.contains("connections"), text);
            assertTrue(connections(url) >= 1, "the monitor's pool holds a connection");

            MonitorList.write(tmp, "monitors: []\n");
            Await.until("the removed monitor's pool closed", 30_000, () -> connections(url) == 0);
        }
        String log = MonitorList.log().substring(logStart);
        assertTrue(log.contains("db-query-shop-db"), "the pool is the monitor's own");
        assertFalse(log.contains(PASSWORD), "the password is not logged");
    }

    /** Connections to the test database other than this one. */
    private static int connections(String url) {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                     + " AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
