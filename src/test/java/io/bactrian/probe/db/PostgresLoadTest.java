package io.bactrian.probe.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bactrian.core.CheckResult;
import io.bactrian.testing.Await;
import io.bactrian.testing.LocalOutbox;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.Postgres;
import io.bactrian.testing.RunningMonitor;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped PostgreSQL load route against a real PostgreSQL: open connections, pg_sleep
 * sessions and a held table lock, made by the test, trip the thresholds and recover; the
 * monitor is on the status page; a stopped server and a slow query are DOWN with their reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresLoadTest {
    /** A database of its own on the tests' PostgreSQL server; the URL names the user. */
    String url;
    /** The same URL without its parameters, as alerts name the database. */
    String target;
    int maxConnections;

    @BeforeAll
    void createDatabase() throws Exception {
        url = Postgres.newDatabase();
        target = url.substring(0, url.indexOf('?'));
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id int PRIMARY KEY, qty int)");
            s.execute("INSERT INTO orders VALUES (1, 10), (2, 20)");
            try (ResultSet rs = s.executeQuery("SHOW max_connections")) {
                rs.next();
                maxConnections = rs.getInt(1);
            }
        }
    }

    String database() {
        return target.substring(target.lastIndexOf('/') + 1);
    }

    Connection admin() throws SQLException {
        return DriverManager.getConnection(url);
    }

    @Test
    void connectionsSleepersAndALockTripTheThresholdsAndRecover(@TempDir Path tmp) throws Exception {
        int port = MonitorProcess.freePort();
        Map<String, String> p = MariaDbLoadTest.app(tmp.resolve("data"), String.join(",",
                RunningMonitor.projectRoute("postgres-load.yaml"),
                RunningMonitor.copyOfRoute(tmp.resolve("routes"), "postgres-load.yaml", "postgres-slow"),
                RunningMonitor.projectRoute("status-page.yaml")));
        p.put("camel.server.enabled", "true");
        p.put("camel.server.port", String.valueOf(port));
        MariaDbLoadTest.monitor(p, "postgres-load", url, "", "connections", "used_pct >= 50");
        MariaDbLoadTest.monitor(p, "postgres-slow", url, "", "slow-queries",
                "seconds >= 3, waiting_on == 'Lock'");
        p.put("postgres-load.username", "postgres");
        p.put("postgres-slow.username", "postgres");
        LocalOutbox outbox = new LocalOutbox(tmp.resolve("data"));
        List<Connection> load = new ArrayList<>();
        try (RunningMonitor app = RunningMonitor.start(p)) {
            NotifyBuilder checked = new NotifyBuilder(app.context()).fromRoute("postgres-load").whenCompleted(3)
                    .and().fromRoute("postgres-slow").whenCompleted(3).create();
            assertTrue(checked.matches(30, TimeUnit.SECONDS), "three checks of each");
            assertEquals(0, outbox.count("postgres-load", "DOWN"), "a quiet server raises nothing");
            assertEquals(0, outbox.count("postgres-slow", "DOWN"));

            // many open connections: more than half of max_connections
            for (int i = 0; i < maxConnections / 2 + 2; i++) {
                load.add(admin());
            }
            MimeMessage down = outbox.await("postgres-load", "DOWN", 1, 20_000);
            String text = LocalOutbox.text(down);
            System.out.println(down.getSubject() + "\n" + text);
            assertTrue(down.getSubject().matches("\\[DOWN] postgres-load: used_pct \\d+(\\.\\d)? >= 50"), down.getSubject());
            assertTrue(text.contains("connections | max_connections | used_pct | Result"), text);
            assertTrue(text.lines().anyMatch(l -> l.matches("\\d+ \\| " + maxConnections + " \\| \\d+(\\.\\d)? \\| "
                    + "used_pct \\d+(\\.\\d)? >= 50")), text);

            // the status page shows it down, with the reason
            JsonNode list = new ObjectMapper().readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/monitors")).build(), HttpResponse.BodyHandlers.ofString())
                    .body());
            JsonNode monitor = null;
            for (JsonNode m : list) {
                monitor = "postgres-load".equals(m.path("id").asText()) ? m : monitor;
            }
            assertTrue(monitor != null, list.toString());
            assertEquals("down", monitor.path("state").asText(), monitor.toString());
            assertTrue(monitor.path("reason").asText().startsWith("used_pct "), monitor.toString());
            assertEquals(target, monitor.path("target").asText());
            String page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/monitors/postgres-load")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(page.contains("postgres-load"), page);

            for (Connection c : load) {
                c.close();
            }
            load.clear();
            assertTrue(outbox.await("postgres-load", "RESOLVED", 1, 20_000).getSubject()
                    .startsWith("[RESOLVED] postgres-load is up again after"));

            // three sessions asleep in pg_sleep: slow queries
            List<Connection> sleepers = new ArrayList<>();
            List<Statement> sleeping = new ArrayList<>();
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Connection c = admin();
                Statement s = c.createStatement();
                sleepers.add(c);
                sleeping.add(s);
                running.add(CompletableFuture.runAsync(() -> {
                    try {
                        s.execute("SELECT pg_sleep(60)");
                    } catch (Exception cancelled) {
                        // cancelled by the test
                    }
                }));
            }
            MimeMessage slow = outbox.await("postgres-slow", "DOWN", 1, 20_000);
            String slowText = LocalOutbox.text(slow);
            System.out.println(slow.getSubject() + "\n" + slowText);
            // the sleepers started together, but a check may catch one at 3.0 s and the others at 2.9 s
            assertTrue(slow.getSubject().matches("\\[DOWN] postgres-slow: seconds \\d+(\\.\\d)? >= 3(; .*)?"), slow.getSubject());
            assertTrue(slowText.contains("pid | user | db | seconds | state | waiting_on | query | Result"), slowText);
            String sleeper = "\\d+ \\| postgres \\| " + database() + " \\| \\d+(\\.\\d)? \\| active"
                    + " \\| Timeout \\| SELECT pg_sleep\\(60\\) \\| ";
            assertEquals(3, slowText.lines().filter(l -> l.matches(sleeper + ".*")).count(), "every sleeper listed: " + slowText);
            assertTrue(slowText.lines().anyMatch(l -> l.matches(sleeper + "seconds .* >= 3")), slowText);
            for (Statement s : sleeping) {
                s.cancel();
            }
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            for (Connection c : sleepers) {
                c.close();
            }
            MimeMessage slowResolved = outbox.await("postgres-slow", "RESOLVED", 1, 20_000);
            assertTrue(slowResolved.getSubject().startsWith("[RESOLVED] postgres-slow is up again after"));

            // a table lock held by one session: another's query waits on it
            try (Connection holder = admin(); Connection waiter = admin()) {
                holder.setAutoCommit(false);
                holder.createStatement().execute("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
                CompletableFuture<Integer> blocked = CompletableFuture.supplyAsync(() -> {
                    try (Statement s = waiter.createStatement()) {
                        return s.executeUpdate("UPDATE orders SET qty = qty + 1 WHERE id = 1");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                MimeMessage lock = outbox.await("postgres-slow", "DOWN", 2, 20_000);
                String lockText = LocalOutbox.text(lock);
                System.out.println(lock.getSubject() + "\n" + lockText);
                assertTrue(lock.getSubject().contains("waiting_on = 'Lock' (waiting_on == 'Lock')"), lock.getSubject());
                assertTrue(lockText.lines().anyMatch(l -> l.matches("\\d+ \\| postgres \\| " + database() + " \\| .* \\| active \\| Lock"
                        + " \\| UPDATE orders SET qty = qty \\+ 1 WHERE id = 1 \\| .*waiting_on = 'Lock'.*")), lockText);
                assertFalse(blocked.isDone());
                holder.commit();
                assertEquals(1, blocked.get(10, TimeUnit.SECONDS));
            }
            assertTrue(outbox.await("postgres-slow", "RESOLVED", 2, 20_000).getSubject()
                    .startsWith("[RESOLVED] postgres-slow"));
        } finally {
            for (Connection c : load) {
                c.close();
            }
        }
    }

    @Test
    void everyReadyMadeQueryRunsOnPostgres() throws Exception {
        Map<String, List<String>> columns = ReadyQueriesRun.on(url, "postgres", "");
        assertEquals(List.of("threads_running", "threads_connected"), columns.get("threads-running"));
        assertEquals(List.of("connections", "max_connections", "used_pct"), columns.get("connections"));
        assertEquals(List.of("replica", "delay_seconds"), columns.get("replication"));
        assertEquals(List.of("pid", "user", "db", "seconds", "state", "waiting_on", "query"), columns.get("slow-queries"));
    }

    @Test
    void slowQueryEndsAtTheTimeoutAndAStoppedServerIsDown(@TempDir Path tmp) throws Exception {
        Map<String, String> p = MariaDbLoadTest.app(tmp.resolve("data"), RunningMonitor.projectRoute("postgres-load.yaml"));
        int closed = MonitorProcess.freePort();
        MariaDbLoadTest.monitor(p, "postgres-load", "jdbc:postgresql://127.0.0.1:" + closed + "/postgres", "",
                "threads-running", "threads_running > 20");
        LocalOutbox outbox = new LocalOutbox(tmp.resolve("data"));
        try (RunningMonitor app = RunningMonitor.start(p)) {
            assertEquals("[DOWN] postgres-load: database unreachable: connection refused",
                    outbox.await("postgres-load", "DOWN", 1, 20_000).getSubject());

            long start = System.nanoTime();
            CheckResult slow = app.context().createProducerTemplate().requestBody("db-query:timing?jdbcUrl=RAW("
                    + url + ")&username=postgres&query=RAW(SELECT pg_sleep(30) AS slept)"
                    + "&thresholds=RAW(slept == 'x')&timeout=2s", null, CheckResult.class);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("slow query ended after %.1f s: %s%n", seconds, slow.reason());
            assertFalse(slow.up());
            assertEquals("query timeout: no result within 2000 ms", slow.reason());
            assertTrue(seconds >= 1.9 && seconds < 10, "ended at the 2 s timeout: " + seconds);
            Await.until("the cancelled query gone from the server", 10_000, () -> {
                try (Connection c = admin(); var rs = c.createStatement().executeQuery(
                        "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%' AND state = 'active'")) {
                    rs.next();
                    return rs.getInt(1) == 0;
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }
}
