package io.bactrian.probe.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.bactrian.core.CheckResult;
import io.bactrian.testing.LocalOutbox;
import io.bactrian.testing.MariaDbServer;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.RunningMonitor;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped MySQL/MariaDB load route against a real MariaDB: many open connections and a
 * held row lock, made by the test, trip the thresholds and recover; an unreachable server, a
 * refused login and a slow query are DOWN with their reasons; the password stays secret.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbLoadTest {
    static final String PASSWORD = "pw&with+special)chars";

    @TempDir
    static Path dbDir;
    MariaDbServer db;

    @BeforeAll
    void startDatabase() throws Exception {
        db = MariaDbServer.start(dbDir, "--max-connections=40", "--innodb-lock-wait-timeout=120");
        try (Connection c = db.admin(); Statement s = c.createStatement()) {
            s.execute("CREATE USER 'monitor'@'%' IDENTIFIED BY '" + PASSWORD.replace("'", "''") + "'");
            s.execute("GRANT PROCESS ON *.* TO 'monitor'@'%'"); // to see every session's queries
            s.execute("CREATE TABLE test.orders (id INT PRIMARY KEY, qty INT) ENGINE=InnoDB");
            s.execute("INSERT INTO test.orders VALUES (1, 10), (2, 20)");
        }
    }

    @AfterAll
    void stopDatabase() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    /** Settings of a copy of routes/mysql-load.yaml under {@code id}, checked every second. */
    static void monitor(Map<String, String> p, String id, String url, String password, String query, String thresholds) {
        p.put(id + ".jdbc-url", url);
        p.put(id + ".username", "monitor");
        p.put(id + ".password", password);
        p.put(id + ".cron", "* * * * * ? *");
        p.put(id + ".query", query);
        p.put(id + ".thresholds", thresholds);
        p.put(id + ".timeout", "2s");
        p.put(id + ".connect-timeout", "2s");
        p.put(id + ".pool-size", "2");
        p.put(id + ".failure-threshold", "1");
        p.put(id + ".success-threshold", "2");
        p.put(id + ".reminder-interval", "1h");
    }

    static Map<String, String> app(Path data, String routes) {
        Map<String, String> p = RunningMonitor.quiet(data);
        p.put("mail.host", ""); // alert mails stay in the local outbox
        p.put("camel.main.routes-include-pattern", routes + "," + RunningMonitor.alertRoutes());
        return p;
    }

    @Test
    void manyConnectionsAndAHeldLockTripTheThresholdsAndRecover(@TempDir Path tmp) throws Exception {
        Map<String, String> p = app(tmp.resolve("data"), RunningMonitor.projectRoute("mysql-load.yaml") + ","
                + RunningMonitor.copyOfRoute(tmp.resolve("routes"), "mysql-load.yaml", "mysql-locks"));
        monitor(p, "mysql-load", db.jdbcUrl("test"), PASSWORD, "connections", "used_pct >= 50");
        monitor(p, "mysql-locks", db.jdbcUrl("test"), PASSWORD, "slow-queries", "seconds >= 3");
        LocalOutbox outbox = new LocalOutbox(tmp.resolve("data"));
        List<Connection> load = new ArrayList<>();
        try (RunningMonitor app = RunningMonitor.start(p)) {
            NotifyBuilder checked = new NotifyBuilder(app.context()).fromRoute("mysql-load").whenCompleted(3)
                    .and().fromRoute("mysql-locks").whenCompleted(3).create();
            assertTrue(checked.matches(30, TimeUnit.SECONDS), "three checks of each");
            assertEquals(0, outbox.count("mysql-load", "DOWN"), "a quiet server raises nothing");
            assertEquals(0, outbox.count("mysql-locks", "DOWN"));

            for (int i = 0; i < 24; i++) { // with the monitors' own, more than 20 of 40
                load.add(db.admin());
            }
            MimeMessage down = outbox.await("mysql-load", "DOWN", 1, 20_000);
            String text = LocalOutbox.text(down);
            System.out.println(down.getSubject() + "\n" + text);
            assertTrue(down.getSubject().matches("\\[DOWN] mysql-load: used_pct \\d+(\\.\\d)? >= 50"), down.getSubject());
            assertTrue(text.contains("Failure: database threshold"), text);
            assertTrue(text.contains("Target: " + db.jdbcUrl("test")), text);
            assertTrue(text.contains("connections | max_connections | used_pct | Result"), text);
            assertTrue(text.lines().anyMatch(l -> l.matches("2\\d \\| 40 \\| \\d+(\\.\\d)? \\| used_pct \\d+(\\.\\d)? >= 50")),
                    text);
            assertTrue(LocalOutbox.html(down).contains("<th>used_pct</th>"));

            for (Connection c : load) {
                c.close();
            }
            load.clear();
            MimeMessage resolved = outbox.await("mysql-load", "RESOLVED", 1, 20_000);
            assertTrue(resolved.getSubject().startsWith("[RESOLVED] mysql-load is up again after"), resolved.getSubject());

            // a row lock held by one session: another's UPDATE waits on it
            try (Connection holder = db.admin(); Connection waiter = db.admin()) {
                holder.setAutoCommit(false);
                holder.createStatement().executeQuery("SELECT * FROM test.orders WHERE id = 1 FOR UPDATE").close();
                CompletableFuture<Integer> blocked = CompletableFuture.supplyAsync(() -> {
                    try (Statement s = waiter.createStatement()) {
                        return s.executeUpdate("UPDATE test.orders SET qty = qty + 1 WHERE id = 1");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                MimeMessage lockDown = outbox.await("mysql-locks", "DOWN", 1, 20_000);
                String lockText = LocalOutbox.text(lockDown);
                System.out.println(lockDown.getSubject() + "\n" + lockText);
                assertTrue(lockDown.getSubject().matches("\\[DOWN] mysql-locks: seconds \\d+ >= 3"), lockDown.getSubject());
                assertTrue(lockText.contains("id | user | db | seconds | state | query | Result"), lockText);
                assertTrue(lockText.lines().anyMatch(l -> l.matches("\\d+ \\| admin \\| test \\| \\d+ \\| .* \\| "
                        + "UPDATE test.orders SET qty = qty \\+ 1 WHERE id = 1 \\| seconds \\d+ >= 3")), lockText);
                assertFalse(blocked.isDone(), "the UPDATE still waits");
                holder.commit();
                assertEquals(1, blocked.get(10, TimeUnit.SECONDS), "the UPDATE went through once the lock was released");
            }
            MimeMessage lockResolved = outbox.await("mysql-locks", "RESOLVED", 1, 20_000);
            assertTrue(lockResolved.getSubject().startsWith("[RESOLVED] mysql-locks is up again after"));
            assertEquals(1, outbox.count("mysql-load", "DOWN"), "one DOWN per incident");
        } finally {
            for (Connection c : load) {
                c.close();
            }
        }
    }

    @Test
    void unreachableRefusedAndSlowAreDownWithTheirReason(@TempDir Path tmp) throws Exception {
        int closed = MonitorProcess.freePort();
        Path routes = tmp.resolve("routes");
        Map<String, String> p = app(tmp.resolve("data"), String.join(",",
                RunningMonitor.copyOfRoute(routes, "mysql-load.yaml", "mysql-gone"),
                RunningMonitor.copyOfRoute(routes, "mysql-load.yaml", "mysql-login"),
                RunningMonitor.copyOfRoute(routes, "mysql-load.yaml", "mysql-slow")));
        monitor(p, "mysql-gone", "jdbc:mysql://127.0.0.1:" + closed + "/test", PASSWORD, "threads-running",
                "threads_running > 20");
        monitor(p, "mysql-login", db.jdbcUrl("test"), "not-the-password", "threads-running", "threads_running > 20");
        monitor(p, "mysql-slow", db.jdbcUrl("test"), PASSWORD, "SELECT SLEEP(30) AS slept", "slept > 0");
        LocalOutbox outbox = new LocalOutbox(tmp.resolve("data"));
        try (RunningMonitor app = RunningMonitor.start(p)) {
            assertEquals("[DOWN] mysql-gone: database unreachable: connection refused",
                    outbox.await("mysql-gone", "DOWN", 1, 20_000).getSubject());
            MimeMessage login = outbox.await("mysql-login", "DOWN", 1, 20_000);
            assertTrue(login.getSubject().startsWith("[DOWN] mysql-login: login refused: "), login.getSubject());
            assertTrue(login.getSubject().contains("Access denied for user 'monitor'"), login.getSubject());
            assertEquals("[DOWN] mysql-slow: query timeout: no result within 2000 ms",
                    outbox.await("mysql-slow", "DOWN", 1, 20_000).getSubject());

            // the query ends at its timeout, not when SLEEP(30) would
            long start = System.nanoTime();
            CheckResult slow = app.context().createProducerTemplate().requestBody("db-query:timing?jdbcUrl=RAW("
                    + db.jdbcUrl("test") + ")&username=monitor&password=RAW(" + PASSWORD + ")"
                    + "&query=RAW(SELECT SLEEP(30) AS slept)&timeout=2s", null, CheckResult.class);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("slow query ended after %.1f s: %s%n", seconds, slow.reason());
            assertFalse(slow.up());
            assertEquals("timeout", slow.failureClass());
            assertTrue(seconds >= 1.9 && seconds < 10, "ended at the 2 s timeout: " + seconds);
        }
        try (Stream<Path> files = Files.walk(tmp.resolve("data"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1).contains(PASSWORD),
                        "the password in " + f);
            }
        }
    }

    @Test
    void everyReadyMadeQueryRunsOnMariaDb() throws Exception {
        Map<String, List<String>> columns = ReadyQueriesRun.on(db.jdbcUrl("test"), "admin", MariaDbServer.ADMIN_PASSWORD);
        assertEquals(List.of("threads_running", "threads_connected"), columns.get("threads-running"));
        assertEquals(List.of("connections", "max_connections", "used_pct"), columns.get("connections"));
        assertEquals(List.of("Master_Host", "Slave_IO_Running", "Slave_SQL_Running", "Seconds_Behind_Master", "Last_Error"),
                columns.get("replication"));
        assertEquals(List.of("id", "user", "db", "seconds", "state", "query"), columns.get("slow-queries"));
    }

    @Test
    void onceInItsOwnProcessWithThePasswordFromTheEnvironment(@TempDir Path dir) throws Exception {
        MonitorProcess.copyProject(dir);
        MonitorProcess.setProperty(dir, "mysql-load.jdbc-url", db.jdbcUrl("test"));
        MonitorProcess.setProperty(dir, "mysql-load.thresholds", "threads_connected >= 1");
        MonitorProcess.setProperty(dir, "mysql-load.failure-threshold", "1");
        MonitorProcess.Result r = MonitorProcess.run(dir, Duration.ofSeconds(90),
                List.of("-Dcamel.server.port=" + MonitorProcess.freePort()), Map.of("MYSQL_LOAD_PASSWORD", PASSWORD),
                "once", "mysql-load");
        System.out.println(r);
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stdout().stream().anyMatch(l -> l.matches("mysql-load +DOWN +threads_connected \\d+ >= 1.*")),
                r.toString());
        assertFalse(r.out().contains(PASSWORD) || r.err().contains(PASSWORD), "the password is never printed");
        MimeMessage mail = new LocalOutbox(dir.resolve("data")).await("mysql-load", "DOWN", 1, 1000);
        assertTrue(LocalOutbox.text(mail).contains("threads_running | threads_connected | Result"));
        assertNull(System.getenv("MYSQL_LOAD_PASSWORD"), "set only for the child process");
    }
}
