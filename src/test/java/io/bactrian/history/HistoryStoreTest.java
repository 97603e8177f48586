package io.bactrian.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Map;

import io.bactrian.alert.AlertEvent;
import io.bactrian.alert.AlertKind;
import io.bactrian.core.CheckResult;
import io.bactrian.history.Stats.Incident;
import io.bactrian.history.StatusView.Detail;
import io.bactrian.history.StatusView.Summary;
import io.bactrian.history.StatusView.TopicCharts;
import io.bactrian.probe.kafka.LagStatus;
import io.bactrian.store.Database;
import io.bactrian.store.Rows;
import io.bactrian.store.Rows.Check;
import io.bactrian.store.Rows.Lag;
import io.bactrian.store.Rows.Probe;
import io.bactrian.testing.LagChecks;
import io.bactrian.testing.MeasuresTime;
import io.bactrian.testing.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history in a real H2 file and in a real PostgreSQL database: what goes in comes out,
 * old rows go, and the figures add up. Long because each case runs on both databases from one
 * set of rows: split, the classes would each start PostgreSQL and repeat the rows.
 */
class HistoryStoreTest {
    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;

    @TempDir
    Path dir;

    /** The JDBC URL of an empty database of the kind named. */
    String database(String kind) throws Exception {
        return kind.equals("H2") ? Database.h2Url(dir) : Postgres.newDatabase();
    }

    static HistoryStore open(String url, Duration retention) throws Exception {
        HistoryStore store = new HistoryStore(url, url.startsWith("jdbc:postgresql:") ? "postgres" : "", "",
                retention, 100_000, null);
        store.start();
        return store;
    }

    /** The raw computation: nearest rank over every value, NaN for none. */
    static double nearestRank(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    @Test
    void histogramPercentilesAreTheExactNearestRankToOnePercent() {
        Random random = new Random(7);
        for (int n : new int[]{1, 4, 100, 1440, 43_200}) {
            double[] values = new double[n];
            LatencyHistogram h = new LatencyHistogram();
            LatencyHistogram half = new LatencyHistogram();
            LatencyHistogram otherHalf = new LatencyHistogram();
            for (int i = 0; i < n; i++) {
                values[i] = i % 50 == 0 ? random.nextDouble() * 0.09 : Math.exp(random.nextGaussian() + 4);
                h.add(values[i]);
                (i % 2 == 0 ? half : otherHalf).add(values[i]);
            }
            // stored as text and merged, as the daily rollups are
            LatencyHistogram merged = LatencyHistogram.decode(half.encode());
            merged.addAll(LatencyHistogram.decode(otherHalf.encode()));
            assertEquals(h.encode(), merged.encode());
            assertEquals(n, merged.count());
            for (double p : new double[]{1, 50, 95, 99, 100}) {
                double exact = nearestRank(values, p);
                assertEquals(LatencyHistogram.rounded(exact), merged.percentile(p), "p" + p + " of " + n);
                assertEquals(exact, merged.percentile(p), exact < 0.1 ? 0.1 : exact * 0.01, "within 1 %");
            }
        }
        assertEquals(0.0, LatencyHistogram.rounded(0));
        assertTrue(Double.isNaN(new LatencyHistogram().percentile(50)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void uptimeOver24HoursSevenAnd30DaysFromKnownChecks(String kind) throws Exception {
        long now = (System.currentTimeMillis() / HOUR) * HOUR + 30 * 60_000L; // half past the hour
        try (var ignored = closing(open(database(kind), Duration.ofDays(30)))) {
            HistoryStore store = ignored.store;
            // one check a minute for 30 days: down 60 minutes 3 days ago, down 6 minutes 10 days ago
            for (long t = now - 30 * DAY + 60_000; t <= now; t += 60_000) {
                boolean up = !(t > now - 3 * DAY && t <= now - 3 * DAY + HOUR)
                        && !(t > now - 10 * DAY && t <= now - 10 * DAY + 6 * 60_000);
                store.writer().offer(new Check("shop", t, up, 10.0, up ? null : "timeout", up ? null : "read timed out",
                        "https://shop.example"));
            }
            assertTrue(store.writer().flush(Duration.ofSeconds(60)));
            assertEquals(30 * 24 * 60, store.queries().counts().get("cm_check"));
            Summary s = new StatusView(store, () -> now).overview(new StatusView.Query(null, null, 1, StatusView.PER_PAGE))
                    .monitors().get(0);
            // 24 h: the current half hour and 24 whole hours, all up
            assertEquals(100.0, s.uptime24h());
            // 7 d counted from the start of the hour 7 days ago: 60 of 7*24*60 + 30 + 1 checks down
            double checks7 = 7 * 24 * 60 + 31;
            assertEquals(100.0 * (checks7 - 60) / checks7, s.uptime7d(), 1e-9);
            // 30 d: every kept check, 66 down
            double checks30 = 30 * 24 * 60;
            assertEquals(100.0 * (checks30 - 66) / checks30, s.uptime30d(), 1e-9);
            // the rollups (days, and hours at the edge) against the raw rows
            for (long period : new long[]{DAY, 7 * DAY, 30 * DAY}) {
                List<Check> raw = store.queries().checks("shop", (now - period) / HOUR * HOUR);
                double expected = 100.0 * raw.stream().filter(Check::up).count() / raw.size();
                assertEquals(expected, period == DAY ? s.uptime24h() : period == 7 * DAY ? s.uptime7d() : s.uptime30d(),
                        1e-9, "uptime over " + period / DAY + " d");
            }
            Detail d = new StatusView(store, () -> now).detail("shop", DAY);
            for (StatusView.Bar day : d.days()) {
                List<Check> raw = store.queries().checks("shop", day.fromMs()).stream()
                        .filter(c -> c.atMs() < day.fromMs() + DAY).toList();
                assertEquals(raw.size(), day.checks());
                assertEquals(raw.stream().filter(Check::up).count(), day.ups());
            }
            assertEquals(24, s.hours().size());
            assertEquals(31, s.hours().get(23).checks(), "the current hour: :00 to :30");
            assertEquals(60, s.hours().get(22).checks());
            assertEquals(100.0, s.uptime24h());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void percentilesFromTheDailyRollupsEqualThoseOfTheRawProbes(String kind) throws Exception {
        long now = System.currentTimeMillis();
        long start = now - 9 * DAY - 7 * HOUR;
        Random random = new Random(11);
        String url = database(kind);
        // a probe a minute from two nodes for 9 days and 7 hours, written through the store in two runs:
        // the second run adds to the day rows the first one left (as after a restart)
        for (long[] run : new long[][]{{start, now - 2 * DAY - 5 * HOUR}, {now - 2 * DAY - 5 * HOUR, now}}) {
            try (var c = closing(open(url, Duration.ofDays(30)))) {
                for (long t = run[0]; t < run[1]; t += 60_000) {
                    c.store.writer().offer(new Check("speed", t, true, null, null, null, "https://speed.example"));
                    for (String node : List.of("江苏宿迁[电信]", "广东佛山[电信]")) {
                        boolean answered = random.nextInt(100) != 0;
                        double ttfb = Math.exp(random.nextGaussian() * 0.5 + 4);
                        c.store.writer().offer(new Probe("speed", t, node, "", "", "127.0.0.1", answered ? 200 : 0,
                                answered, random.nextDouble() * 3, 5 + random.nextDouble() * 20, 0, ttfb,
                                random.nextDouble(), ttfb + 30, 1000, null));
                    }
                }
                assertTrue(c.store.writer().flush(Duration.ofSeconds(120)));
            }
        }
        try (var c = closing(open(url, Duration.ofDays(30)))) {
            HistoryStore store = c.store;
            assertTrue(store.queries().counts().get("cm_latency_day") >= 2 * 10, store.queries().counts().toString());
            for (long window : new long[]{HOUR, DAY, 3 * DAY + 5 * HOUR, 30 * DAY}) {
                Detail d = new StatusView(store, () -> now).detail("speed", window);
                List<Probe> raw = store.queries().probes("speed", now - window).stream().filter(p -> p.status() > 0)
                        .toList();
                for (String node : List.of("all nodes", "江苏宿迁[电信]", "广东佛山[电信]")) {
                    List<Probe> rows = raw.stream().filter(p -> node.equals("all nodes") || p.node().equals(node))
                            .toList();
                    for (String phase : Rows.PHASES) {
                        double[] values = rows.stream().mapToDouble(p -> p.phase(phase)).toArray();
                        Stats.Percentiles got = d.percentiles().get(node).get(phase);
                        String what = node + " " + phase + " over " + window / HOUR + " h";
                        assertEquals(values.length, got.samples(), what);
                        assertEquals(LatencyHistogram.rounded(nearestRank(values, 50)), got.p50(), what);
                        assertEquals(LatencyHistogram.rounded(nearestRank(values, 95)), got.p95(), what);
                        assertEquals(LatencyHistogram.rounded(nearestRank(values, 99)), got.p99(), what);
                    }
                }
                // the chart's points average to the mean of the raw values, whatever their source
                double rawMean = raw.stream().mapToDouble(Probe::totalMs).average().orElseThrow();
                StatusView.Series phase = d.phases().get(Rows.PHASES.length - 1);
                assertTrue(phase.points().size() > 1, "points over " + window / HOUR + " h");
                double lo = phase.points().stream().mapToDouble(p -> p[1]).min().orElseThrow();
                double hi = phase.points().stream().mapToDouble(p -> p[1]).max().orElseThrow();
                assertTrue(lo <= rawMean && rawMean <= hi, lo + " <= " + rawMean + " <= " + hi);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void everyResultAndAlertIsKeptAndIncidentsFollowTheAlerts(String kind) throws Exception {
        Instant t0 = Instant.now().minusSeconds(600);
        String url = database(kind);
        try (var c = closing(open(url, Duration.ofDays(30)))) {
            HistoryStore store = c.store;
            CheckResult bad = new CheckResult("api", "http://api", t0, false, "unexpected status",
                    "HTTP 503 (expected 200)", "HTTP 503", null);
            store.record(bad);
            store.recordAlert(new AlertEvent(AlertKind.DOWN, "api", "http://api", t0.plusSeconds(60), t0,
                    "unexpected status", "HTTP 503 (expected 200)", bad));
            store.recordAlert(new AlertEvent(AlertKind.REMINDER, "api", "http://api", t0.plusSeconds(120), t0,
                    "unexpected status", "HTTP 503 (expected 200)", bad));
            store.recordAlert(new AlertEvent(AlertKind.RESOLVED, "api", "http://api", t0.plusSeconds(300), t0,
                    "unexpected status", "HTTP 503 (expected 200)", bad));
            store.recordAlert(new AlertEvent(AlertKind.DOWN, "api", "http://api", t0.plusSeconds(500),
                    t0.plusSeconds(480), "timeout", "read timed out", bad));
            for (int i = 0; i < 10; i++) {
                store.writer().offer(new Probe("api", t0.toEpochMilli() + i, i % 2 == 0 ? "a" : "b", "江苏宿迁",
                        "电信", "10.0.0.1", 200, true, 1, 2, 0, 3 + i, 4, 10 + i, 100, null));
            }
            assertTrue(store.writer().flush(Duration.ofSeconds(10)));

            List<Incident> incidents = Stats.incidents(store.queries().alerts("api", 0));
            assertEquals(2, incidents.size());
            assertEquals(t0.toEpochMilli(), incidents.get(0).startMs());
            assertEquals(t0.plusSeconds(300).toEpochMilli(), incidents.get(0).endMs());
            assertEquals(300_000, incidents.get(0).durationMs(0));
            assertEquals("HTTP 503 (expected 200)", incidents.get(0).reason());
            assertTrue(incidents.get(1).open());
            assertEquals("read timed out", incidents.get(1).reason());

            Detail d = new StatusView(store, System::currentTimeMillis).detail("api", DAY);
            assertEquals("down", d.summary().state(), "an open incident");
            assertEquals(LatencyHistogram.rounded(19), d.percentiles().get("all nodes").get("total").p95(), "10 to 19");
            assertEquals(LatencyHistogram.rounded(14), d.percentiles().get("a").get("total").p50(),
                    "node a: 10, 12, 14, 16, 18");
            assertEquals(LatencyHistogram.rounded(18), d.percentiles().get("a").get("total").p95());
            assertEquals(2, d.totalByNode().size());
            assertEquals(10, d.lastRun().size() + 9, "the last run is the rows of the newest time");
            assertNull(d.kafka(), "not a Kafka group");
            assertNull(new StatusView(store, System::currentTimeMillis).detail("nope", DAY));
        }
        // kept across a restart
        try (var c = closing(open(url, Duration.ofDays(30)))) {
            assertEquals(1, c.store.queries().latest().size());
            assertEquals(4, c.store.queries().alerts(null, 0).size());
        }
        if (kind.equals("H2")) {
            assertTrue(Files.exists(dir.resolve("history/history.mv.db")), "an H2 file in the data folder");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void overviewCountsEveryStateListsDownFirstAPageAtATimeAndStatesSurviveARestart(String kind) throws Exception {
        long now = System.currentTimeMillis();
        String url = database(kind);
        try (var c = closing(open(url, Duration.ofDays(30)))) {
            HistoryStore store = c.store;
            for (String m : List.of("a", "b", "c", "d", "e")) {
                boolean up = !m.equals("b") && !m.equals("c");
                store.writer().offer(new Check(m, now - 60_000, up, 5.0, up ? null : "timeout",
                        up ? null : "read timed out", "https://" + m + ".example"));
            }
            HistoryWriter writer = store.writer();
            writer.offer(new Stats.StoredAlert("c", now - 50_000, "DOWN", now - 60_000, "timeout", "read timed out"));
            writer.offer(new Stats.StoredAlert("e", now - 50_000, "DOWN", now - 60_000, "timeout", "read timed out"));
            writer.offer(new Stats.StoredAlert("e", now - 40_000, "RESOLVED", now - 60_000, "timeout",
                    "read timed out"));
            assertTrue(store.writer().flush(Duration.ofSeconds(10)));

            StatusView view = new StatusView(store, () -> now, m -> m.equals("d"));
            StatusView.Overview first = view.overview(new StatusView.Query(null, null, 1, 2));
            assertEquals(Map.of("down", 1, "failing", 1, "maintenance", 1, "up", 2, "unknown", 0), first.counts());
            assertEquals(5, first.matched());
            assertEquals(3, first.pages());
            assertEquals(List.of("c down", "b failing"), names(first));
            assertEquals(List.of("d maintenance", "a up"), names(view.overview(new StatusView.Query(null, null, 2, 2))));
            assertEquals(List.of("e up"), names(view.overview(new StatusView.Query(null, null, 3, 2))));
            assertEquals(1, first.monitors().get(0).hours().stream().mapToLong(StatusView.Bar::checks).sum(),
                    "the figures of the page's monitors");
            assertEquals(List.of("e up"), names(view.overview(new StatusView.Query("E.EXAMPLE", "up", 1, 2))));

            store.forget("a");
            assertEquals(List.of("d maintenance", "e up"),
                    names(view.overview(new StatusView.Query(null, null, 2, 2))), "a forgotten monitor is not listed");
        }
        try (var c = closing(open(url, Duration.ofDays(30)))) {
            StatusView.Overview again = new StatusView(c.store, () -> now).overview(new StatusView.Query(null, null, 1, 10));
            assertEquals(List.of("c down", "b failing", "a up", "d up", "e up"), names(again),
                    "the last checks and the open incident read back");
        }
    }

    static List<String> names(StatusView.Overview o) {
        return o.monitors().stream().map(m -> m.id() + " " + m.state()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void pruningDeletesWhatIsOlderThanTheRetentionOnly(String kind) throws Exception {
        long now = System.currentTimeMillis();
        try (var c = closing(open(database(kind), Duration.ofDays(2)))) {
            HistoryStore store = c.store;
            for (long t = now - 5 * DAY; t <= now; t += HOUR) {
                store.writer().offer(new Check("shop", t, true, 1.0, null, null, "x"));
                store.writer().offer(new Probe("shop", t, "local", "", "", "127.0.0.1", 200, true, 0, 0, 0, 0, 0, 1, 1,
                        null));
            }
            store.writer().offer(new Stats.StoredAlert("shop", now - 4 * DAY, "DOWN", null, "timeout", "old"));
            store.writer().offer(new Stats.StoredAlert("shop", now - DAY, "DOWN", null, "timeout", "new"));
            assertTrue(store.writer().flush(Duration.ofSeconds(10)));
            int deleted = store.prune();
            assertTrue(deleted > 0);
            Map<String, Long> counts = store.queries().counts();
            assertEquals(48, counts.get("cm_check"), "the hourly checks of the last 2 days: " + counts);
            assertEquals(48, counts.get("cm_probe"));
            assertEquals(1, counts.get("cm_alert"));
            assertTrue(store.queries().checks("shop", 0).get(0).atMs() >= now - 2 * DAY);
            assertEquals(0, store.prune(), "nothing more to prune");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void kafkaLagIsKeptPerGroupAndTopicShownOverThePeriodAndPruned(String kind) throws Exception {
        long now = System.currentTimeMillis();
        try (var c = closing(open(database(kind), Duration.ofDays(2)))) {
            HistoryStore store = c.store;
            store.record(LagChecks.pay(now - 3 * DAY, 999, 99, LagStatus.WARN)); // beyond the retention
            store.record(LagChecks.pay(now - 2 * HOUR, 10, 1.5, LagStatus.OK));
            store.record(LagChecks.pay(now - HOUR, 30, 7.25, LagStatus.WARN));
            store.record(LagChecks.pay(now - 30_000, 40, 12.5, LagStatus.STALL));
            assertTrue(store.writer().flush(Duration.ofSeconds(10)));

            List<Lag> rows = store.queries().lags("kafka-lag/pay", now - DAY);
            assertEquals(6, rows.size(), "two topics of three evaluations: " + rows);
            Lag audit = rows.get(0).topic().equals("audit") ? rows.get(0) : rows.get(1);
            assertEquals(new Lag("kafka-lag/pay", now - 2 * HOUR, "pay", "audit", null, null, "OK"), audit,
                    "no committed offset: lag and lag seconds unknown");
            assertEquals(List.of(new Lag("kafka-lag/pay", now - 2 * HOUR, "pay", "events", 10L, 1.5, "OK"),
                    new Lag("kafka-lag/pay", now - HOUR, "pay", "events", 30L, 7.25, "WARN"),
                    new Lag("kafka-lag/pay", now - 30_000, "pay", "events", 40L, 12.5, "STALL")),
                    rows.stream().filter(r -> r.topic().equals("events")).toList());

            StatusView.Kafka k = new StatusView(store, () -> now).detail("kafka-lag/pay", DAY).kafka();
            assertEquals("STALL", k.status(), "the group's status is its worst topic's");
            assertEquals(List.of("events", "audit"), k.topics().stream().map(Lag::topic).toList(), "failing first");
            assertEquals(40L, k.topics().get(0).lag());
            assertEquals(List.of("events", "audit"), k.charts().stream().map(TopicCharts::topic).toList(),
                    "charts in the table's order");
            TopicCharts events = k.charts().get(0);
            assertEquals(List.of(10.0, 30.0, 40.0), events.lag().points().stream().map(p -> p[1]).toList(),
                    "the day's evaluations, not the one of 3 days ago");
            assertEquals(List.of(1.5, 7.25, 12.5), events.lagSeconds().points().stream().map(p -> p[1]).toList());
            assertEquals(0, k.charts().get(1).lag().points().size(), "unknown lag is no point");
            assertEquals(2, new StatusView(store, () -> now).detail("kafka-lag/pay", HOUR + 60_000).kafka().charts()
                    .get(0).lag().points().size(), "the last hour: two evaluations of events");

            assertEquals(8, store.queries().counts().get("cm_kafka_lag"));
            assertTrue(store.prune() > 0);
            assertEquals(6, store.queries().counts().get("cm_kafka_lag"), "the rows of 3 days ago pruned");
            assertEquals(6, store.queries().lags("kafka-lag/pay", 0).size());
        }
    }

    @Test
    @MeasuresTime // recording never waits
    void rowsRecordedBeforeTheDatabaseOpensWaitForItAndAreWritten() throws Exception {
        // a directory where H2's file goes: the database cannot be opened until it is removed
        Path blocker = Files.createDirectories(dir.resolve("history/history.mv.db"));
        try (var c = closing(open(Database.h2Url(dir), Duration.ofDays(30)))) {
            HistoryStore store = c.store;
            Instant at = Instant.now();
            long before = System.nanoTime();
            store.record(new CheckResult("shop", "https://shop.example", at, false, "timeout", "read timed out",
                    "read timed out", null));
            assertTrue(System.nanoTime() - before < 1_000_000_000L, "recording never waits for the database");
            assertEquals(false, store.writer().flush(Duration.ofMillis(1500)),
                    "not written while the database cannot open");
            Files.delete(blocker);
            assertTrue(store.writer().flush(Duration.ofSeconds(30)), "written once the database opens");
            List<Check> checks = store.queries().checks("shop", 0);
            assertEquals(1, checks.size());
            assertEquals(at.toEpochMilli(), checks.get(0).atMs());
            assertEquals("read timed out", checks.get(0).reason());
        }
        // the next start reads it back, as the last check of the monitor
        try (var c = closing(open(Database.h2Url(dir), Duration.ofDays(30)))) {
            assertEquals(false, c.store.queries().latest().get("shop").up());
        }
    }

    record Closing(HistoryStore store) implements AutoCloseable {
        @Override
        public void close() {
            store.stop();
        }
    }

    static Closing closing(HistoryStore store) {
        return new Closing(store);
    }
}
