package io.bactrian.history;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import io.bactrian.core.CheckResult;
import io.bactrian.probe.HttpProbe;
import io.bactrian.probe.ProbeRequest;
import io.bactrian.probe.ProbeResult;
import io.bactrian.store.Rows;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.TestServer;
import io.bactrian.web.StatusPage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The status page over a full history: generates it into a PostgreSQL database in the folder
 * given (once; kept for later runs), then times the overview and a monitor's page (server
 * time: the figures read from the store and the HTML rendered), and probes of a loopback
 * server with and without the history being written at the same time. Run by
 * bench/status-page.sh.
 */
public final class StatusPageBench {
    static final StatusView.Query FIRST_PAGE = new StatusView.Query(null, null, 1, StatusView.PER_PAGE);

    private StatusPageBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).toAbsolutePath();
        int monitors = Integer.parseInt(args.length > 1 ? args[1] : "1000");
        int days = Integer.parseInt(args.length > 2 ? args[2] : "30");
        int speedTests = Integer.parseInt(args.length > 3 ? args[3] : "10");
        Path marker = dir.resolve("generated");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg"))
                .setCleanDataDirectory(false).setPort(MonitorProcess.freePort())
                .setPGStartupWait(Duration.ofSeconds(120))
                // COPY into a table emptied in the same transaction then skips the WAL
                .setServerConfig("wal_level", "minimal").setServerConfig("max_wal_senders", "0")
                .setServerConfig("maintenance_work_mem", "256MB").start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            if (!Files.exists(marker)) {
                System.out.printf(Locale.ROOT, "generating %d monitors (%d speed tests from %d nodes) x %d days...%n",
                        monitors, speedTests, HistoryGenerator.NODES.length, days);
                long t0 = System.nanoTime();
                long rows;
                try (Connection c = DriverManager.getConnection(url)) {
                    rows = HistoryGenerator.generate(c, monitors, speedTests, days, System.currentTimeMillis());
                }
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "generated %,d rows in %.0f s (%,.0f rows/s)%n", rows, s, rows / s);
                Files.writeString(marker, monitors + " monitors, " + days + " days\n");
            }
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                ResultSet rs = s.executeQuery("SELECT relname, reltuples::bigint,"
                        + " pg_size_pretty(pg_total_relation_size(oid)) FROM pg_class"
                        + " WHERE relname LIKE 'cm\\_%' AND relkind = 'r' ORDER BY relname");
                while (rs.next()) {
                    System.out.printf(Locale.ROOT, "%-16s %,14d rows %10s with indexes%n", rs.getString(1),
                            rs.getLong(2), rs.getString(3));
                }
                rs = s.executeQuery("SELECT pg_size_pretty(pg_database_size(current_database()))");
                rs.next();
                System.out.println("database size: " + rs.getString(1));
            }
            measure(url, monitors, days, speedTests);
        }
    }

    static void measure(String url, int monitors, int days, int speedTests) throws Exception {
        long t0 = System.nanoTime();
        HistoryStore store = new HistoryStore(url, "postgres", "", Duration.ofDays(days + 1), 100_000, null);
        store.start();
        System.out.printf(Locale.ROOT, "store started (last check of every monitor loaded) in %.0f ms%n",
                (System.nanoTime() - t0) / 1e6);

        StatusView view = new StatusView(store, System::currentTimeMillis);
        StatusPage page = new StatusPage("Status", ZoneOffset.UTC);
        String plain = HistoryGenerator.monitor(speedTests);
        String speed = HistoryGenerator.monitor(0);
        System.out.println();
        System.out.println("load average before: " + Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.println("| page (server time: read + render) | runs | median ms | p95 ms | max ms"
                + " | median CPU ms of this thread | HTML KB |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        time("overview, " + store.queries().latest().size() + " monitors", 30,
                () -> page.overview(view.overview(FIRST_PAGE), List.of(), System.currentTimeMillis()));
        time("monitor page, plain HTTP, last 24 h", 30,
                () -> page.monitor(view.detail(plain, 24 * 3_600_000L), System.currentTimeMillis()));
        time("monitor page, speed test " + HistoryGenerator.NODES.length + " nodes, last 24 h", 30,
                () -> page.monitor(view.detail(speed, 24 * 3_600_000L), System.currentTimeMillis()));
        time("monitor page, plain HTTP, the whole " + days + " d", 30,
                () -> page.monitor(view.detail(plain, days * 24 * 3_600_000L), System.currentTimeMillis()));
        time("monitor page, speed test, the whole " + days + " d", 30,
                () -> page.monitor(view.detail(speed, days * 24 * 3_600_000L), System.currentTimeMillis()));

        System.out.println("load average after: " + Files.readString(Path.of("/proc/loadavg")).trim());

        probesWhileWriting(store, view, page, monitors);
        store.stop();
    }

    /** Warms up, then prints median, p95 and max of {@code runs} renders. */
    static void time(String name, int runs, Callable<String> render) throws Exception {
        int size = 0;
        for (int i = 0; i < 5; i++) {
            size = render.call().length();
        }
        double[] ms = new double[runs];
        double[] cpu = new double[runs];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < runs; i++) {
            long c = threads.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            render.call();
            ms[i] = (System.nanoTime() - t) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f | %d |%n", name, runs, ms[runs / 2],
                ms[(int) Math.ceil(runs * 0.95) - 1], ms[runs - 1], cpu[runs / 2], size / 1024);
    }

    /**
     * Probes a loopback server, one every 20 ms, in three phases of the same run: nothing
     * recorded; each result recorded while {@code monitors} other monitors' results go in at
     * one a minute each (their real rate); and the same at 20 times that rate with the overview
     * rendered every second. Prints each phase's probe times and the cost of the record call.
     */
    static void probesWhileWriting(HistoryStore store, StatusView view, StatusPage page, int monitors)
            throws Exception {
        int perPhase = Integer.parseInt(System.getProperty("probes", "1000"));
        try (TestServer target = TestServer.answering(200, "ok")) {
            HttpProbe probe = new HttpProbe();
            ProbeRequest request = ProbeRequest.of(target.url("/health"));
            for (int i = 0; i < 300; i++) {
                probe.probe(request); // warm-up
            }
            System.out.println();
            System.out.println("| phase | probes | probe total p50 ms | p95 ms | p99 ms | record() p99 µs |"
                    + " rows written | rows dropped | max queue |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (int phase = 0; phase < 3; phase++) {
                int rate = phase == 0 ? 0 : phase == 1 ? monitors : 20 * monitors; // results per minute
                AtomicBoolean running = new AtomicBoolean(true);
                long[] maxQueue = new long[1];
                long[] offered = new long[1];
                long droppedBefore = store.writer().dropped();
                List<Thread> load = new ArrayList<>();
                if (rate > 0) {
                    load.add(daemon(() -> others(store.writer(), rate, monitors, running, maxQueue, offered)));
                }
                if (phase == 2) {
                    load.add(daemon(() -> {
                        while (running.get()) {
                            try {
                                page.overview(view.overview(FIRST_PAGE), List.of(), System.currentTimeMillis());
                                Thread.sleep(1000);
                            } catch (Exception e) {
                                return;
                            }
                        }
                    }));
                }
                double[] totals = new double[perPhase];
                double[] recordUs = new double[perPhase];
                for (int i = 0; i < perPhase; i++) {
                    long start = System.nanoTime();
                    ProbeResult r = probe.probe(request);
                    totals[i] = r.totalMs();
                    if (rate > 0) {
                        synchronized (offered) {
                            offered[0] += 2; // the check and its probe
                        }
                        long t = System.nanoTime();
                        store.record(new CheckResult("bench-probe", request.url().toString(), java.time.Instant.now(),
                                r.completed(), null, null, "HTTP " + r.status(), r));
                        recordUs[i] = (System.nanoTime() - t) / 1e3;
                    }
                    long sleep = 20 - (System.nanoTime() - start) / 1_000_000;
                    if (sleep > 0) {
                        Thread.sleep(sleep);
                    }
                }
                running.set(false);
                for (Thread t : load) {
                    t.join();
                }
                store.writer().flush(Duration.ofSeconds(120));
                Arrays.sort(totals);
                Arrays.sort(recordUs);
                String name = rate == 0 ? "nothing recorded" : rate == monitors
                        ? "recorded, + " + monitors + " monitors at 1/min"
                        : "recorded, + " + monitors + " monitors at 20/min, overview every 1 s";
                System.out.printf(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %s | %d | %d | %d |%n", name, perPhase,
                        totals[perPhase / 2], totals[(int) (perPhase * 0.95)], totals[(int) (perPhase * 0.99)],
                        rate == 0 ? "–" : String.format(Locale.ROOT, "%.1f", recordUs[(int) (perPhase * 0.99)]),
                        offered[0] - (store.writer().dropped() - droppedBefore),
                        store.writer().dropped() - droppedBefore, maxQueue[0]);
            }
        }
    }

    private static Thread daemon(Runnable work) {
        Thread t = new Thread(work);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Records the other monitors' results at {@code perMinute}, spread evenly, until stopped. */
    private static void others(HistoryWriter writer, int perMinute, int monitors, AtomicBoolean running,
                               long[] maxQueue, long[] offered) {
        long interval = 60_000_000_000L / perMinute;
        long next = System.nanoTime();
        int i = 0;
        while (running.get()) {
            long now = System.currentTimeMillis();
            String id = HistoryGenerator.monitor(i++ % monitors);
            double total = 50 + (i % 97);
            writer.offer(new Rows.Check(id, now, true, total, null, null, "https://" + id + ".example.com/health"));
            writer.offer(new Rows.Probe(id, now, "local", "", "", "203.0.113.1", 200, true, 1, total / 6, total / 3,
                    total / 2 - 1, 0.5, total, 5120, null));
            synchronized (offered) {
                offered[0] += 2;
            }
            maxQueue[0] = Math.max(maxQueue[0], writer.queueDepth());
            next += interval;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
