package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.bactrian.testing.Await;
import io.bactrian.testing.MeasuresTime;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.Postgres;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Monitors of a monitor list shared by three instances, each its own JVM and folder, on one real
 * PostgreSQL ({@code cluster.enabled}): counted at the target, each monitor's fire time is
 * requested exactly once; when an instance is killed (kill -9) while it holds a schedule's next
 * fire, every monitor is requested again within 15 s, and none twice.
 * <p>
 * The kind's route sends each check to the target with the monitor and its scheduled fire time
 * in the request, so the target alone tells which fire time ran and how often.
 */
@MeasuresTime
class ClusterMonitorsTest {
    private static final int MONITORS = 300;
    private static final long PERIOD_MS = 5000;
    private static final long CHECKIN_MS = 1000;
    private static final int SHARDS = 6;
    private static final Pattern REQUEST = Pattern.compile("/m/(\\S+)\\?fire=(\\d+)");

    @TempDir
    Path dir;

    /** One request at the target: which monitor, for which fire time, when it arrived. */
    record Arrival(String monitor, long fire, long at) {
    }

    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();

    @Test
    void eachFireTimeIsRequestedOnceAndAKilledInstancesMonitorsRunOnTheOthersWithin15Seconds() throws Exception {
        String database = Postgres.newDatabase();
        List<String> monitors = new ArrayList<>();
        for (int i = 0; i < MONITORS; i++) {
            monitors.add("m" + i);
        }
        List<MonitorProcess> instances = new ArrayList<>();
        try (TestServer target = TestServer.http((req, out) -> {
            Matcher m = REQUEST.matcher(req.target());
            if (m.matches()) {
                arrivals.add(new Arrival(m.group(1), Long.parseLong(m.group(2)), System.currentTimeMillis()));
            }
            TestServer.respond(out, 200, "ok");
        })) {
            for (int i = 0; i < 3; i++) {
                instances.add(MonitorProcess.start(instanceFolder(i, database, target.port(), monitors),
                        List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), "run"));
            }
            for (MonitorProcess instance : instances) {
                assertTrue(instance.awaitStdout(l -> l.contains("Starting Quartz scheduler"), Duration.ofMinutes(3))
                        .isPresent(), instance.stdoutText());
            }
            // the window opens at the first fire time every monitor was requested for
            Await.until("a fire time of every monitor", 120_000, () -> firstCompleteFire(monitors) > 0);
            long windowStart = firstCompleteFire(monitors);

            // kill -9 an instance while it holds the next fire of a schedule (Quartz's ACQUIRED state)
            int[] holder = {-1};
            Await.until("an instance holding a schedule's next fire", 60_000, () -> {
                for (String id : acquiredBy(database)) {
                    for (int i = 0; i < instances.size(); i++) {
                        if (id.contains("-" + instances.get(i).pid() + "-")) {
                            holder[0] = i;
                            return true;
                        }
                    }
                }
                return false;
            });
            int victim = holder[0];
            String victimId = instanceId(database, instances.get(victim).pid());
            long killedAt = System.currentTimeMillis();
            instances.get(victim).close();
            // what it held stays in Quartz's table until another instance recovers it
            Set<String> held = new HashSet<>(column(database, "SELECT substring(trigger_name from '[0-9]+$') || '@'"
                    + " || sched_time FROM qrtz_fired_triggers WHERE instance_name = '" + victimId + "'"));

            // from the kill until each monitor is requested for a fire time after it
            Map<String, Long> again = new HashMap<>();
            Await.until("every monitor requested for a fire time after the kill", 60_000, () -> {
                for (Arrival a : arrivals) {
                    if (a.fire() > killedAt) {
                        again.merge(a.monitor(), a.at(), Math::min);
                    }
                }
                return again.keySet().containsAll(monitors);
            });
            // the window closes on a fire time well after the takeover, which every monitor has reached
            long windowEnd = killedAt + 20_000;
            Await.until("every monitor requested for a fire time 20 s after the kill", 60_000, () -> monitors.stream()
                    .allMatch(m -> arrivals.stream().anyMatch(a -> a.monitor().equals(m) && a.fire() >= windowEnd)));
            for (MonitorProcess instance : instances) {
                instance.close();
            }

            long takeover = again.values().stream().mapToLong(t -> t - killedAt).max().orElseThrow();
            Map<String, Integer> perFire = new HashMap<>();
            for (Arrival a : arrivals) {
                perFire.merge(a.monitor() + " at " + a.fire(), 1, Integer::sum);
            }
            List<String> twice = perFire.entrySet().stream().filter(e -> e.getValue() > 1)
                    .map(e -> e.getKey() + " requested " + e.getValue() + " times").sorted().toList();
            // A fire time the killed instance had claimed and not yet checked dies with it. A schedule it
            // held fires late once recovered, and its next fire time, due by then, at once after it: a
            // monitor still being checked skips that one (one check at a time per monitor). Every other
            // fire time is requested.
            Set<String> claimedByVictim = claims(database, victimId);
            List<String> missing = new ArrayList<>();
            int lost = 0;
            int skipped = 0;
            for (String m : monitors) {
                String shard = String.valueOf(Math.floorMod(m.hashCode(), SHARDS));
                for (long fire = windowStart; fire < windowEnd; fire += PERIOD_MS) {
                    if (!perFire.containsKey(m + " at " + fire)) {
                        if (claimedByVictim.contains(shard + "@" + fire)) {
                            lost++;
                        } else if (held.contains(shard + "@" + (fire - PERIOD_MS))
                                && perFire.containsKey(m + " at " + (fire - PERIOD_MS))) {
                            skipped++;
                        } else {
                            missing.add(m + " at " + fire);
                        }
                    }
                }
            }
            // how late the checks came: one later than the period makes its monitor skip the next fire
            long[] late = arrivals.stream().mapToLong(a -> a.at() - a.fire()).sorted().toArray();
            System.out.printf("cluster: %d monitors, %d fire times from %d to %d; instance %d killed: every monitor"
                    + " requested again within %d ms; %d requests, %d twice, %d missing, %d lost with the killed"
                    + " instance, %d skipped after its recovered fire; lateness p50 %d ms, p99 %d ms, max %d ms%n",
                    MONITORS, (windowEnd - windowStart) / PERIOD_MS, windowStart, windowEnd, victim, takeover,
                    arrivals.size(), twice.size(), missing.size(), lost, skipped, late[late.length / 2],
                    late[late.length * 99 / 100], late[late.length - 1]);
            assertEquals(List.of(), twice, "fire times requested twice");
            assertEquals(List.of(), missing.stream().limit(20).toList(), missing.size() + " fire times never requested");
            assertTrue(takeover < 15_000, "every monitor requested again only " + takeover + " ms after the kill");
        } finally {
            for (int i = 0; i < instances.size(); i++) {
                instances.get(i).close();
                Files.createDirectories(Path.of("target/test-logs"));
                Files.writeString(Path.of("target/test-logs/cluster-" + i + ".log"), instances.get(i).stdoutText());
            }
        }
    }

    /** A copy of the project with the monitor list and a kind route that puts each fire time in its request. */
    private Path instanceFolder(int i, String database, int port, List<String> monitors) throws Exception {
        Path home = MonitorProcess.copyProject(Files.createDirectories(dir.resolve("instance-" + i)));
        for (String demo : List.of("demo-site.yaml", "speed-test.yaml")) {
            Files.deleteIfExists(home.resolve("routes").resolve(demo));
        }
        Files.writeString(home.resolve("routes/tick.yaml"), """
                - route:
                    id: "tick"
                    from:
                      uri: "schedule:tick"
                      steps:
                        - setHeader:
                            name: "CamelHttpPath"
                            simple: "/m/${exchangeProperty.monitor.id()}"
                        - setHeader:
                            name: "CamelHttpQuery"
                            simple: "fire=${header.scheduledFireTime.time}"
                        # the target answers one request per connection
                        - to: "http://127.0.0.1:%d?connectionClose=true"
                """.formatted(port));
        StringBuilder list = new StringBuilder("defaults:\n  kind: tick\n  cron: \"*/5 * * * * ? *\"\nmonitors:\n");
        monitors.forEach(m -> list.append("  - id: ").append(m).append('\n'));
        Files.createDirectories(home.resolve("monitors"));
        Files.writeString(home.resolve("monitors/ticks.yaml"), list);
        MonitorProcess.setProperty(home, "camel.server.port", String.valueOf(MonitorProcess.freePort()));
        MonitorProcess.setProperty(home, "history.jdbc-url", database);
        MonitorProcess.setProperty(home, "history.jdbc-user", "postgres");
        MonitorProcess.setProperty(home, "cluster.enabled", "true");
        MonitorProcess.setProperty(home, "cluster.shards", String.valueOf(SHARDS));
        MonitorProcess.setProperty(home, "cluster.checkin-interval", String.valueOf(CHECKIN_MS));
        return home;
    }

    /** The earliest fire time requested for every monitor; 0 while there is none. */
    private long firstCompleteFire(List<String> monitors) {
        Map<Long, Set<String>> byFire = new TreeMap<>();
        for (Arrival a : arrivals) {
            byFire.computeIfAbsent(a.fire(), f -> new HashSet<>()).add(a.monitor());
        }
        return byFire.entrySet().stream().filter(e -> e.getValue().size() == monitors.size()).mapToLong(Map.Entry::getKey)
                .findFirst().orElse(0);
    }

    private static List<String> acquiredBy(String database) {
        return column(database, "SELECT instance_name FROM qrtz_fired_triggers WHERE state = 'ACQUIRED'");
    }

    private static String instanceId(String database, long pid) {
        return column(database, "SELECT instance_name FROM qrtz_scheduler_state").stream()
                .filter(id -> id.contains("-" + pid + "-")).findFirst().orElseThrow();
    }

    /** The fire times an instance claimed, as "<shard>@<fire ms>" (a schedule's name ends in its shard). */
    private static Set<String> claims(String database, String instance) {
        return column(database, "SELECT substring(monitor from '[0-9]+$') || '@' || fire_ms FROM cm_fire"
                + " WHERE instance = '" + instance + "'").stream().collect(Collectors.toSet());
    }

    private static List<String> column(String database, String sql) {
        try (Connection c = DriverManager.getConnection(database, "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
