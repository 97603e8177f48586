package io.bactrian.history;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import io.bactrian.store.Rows;
import io.bactrian.store.Rows.Check;
import io.bactrian.store.Rows.Probe;

/**
 * What the history writer costs at a given rate of checks: {@code rate} checks a second for
 * {@code seconds}, each one check row and one probe row, every hundredth a speed test of 20
 * probe rows, offered to a started store as the routes do; then the CPU time of the writer
 * thread and, for PostgreSQL, of the server's processes (system property {@code pg.pid}: the
 * postmaster's PID), per 1,000 rows. Run by bench/status-page.sh:
 * {@code WriterBench <jdbc-url> <user> <rate> <seconds> <monitors>}.
 */
public final class WriterBench {
    private WriterBench() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int monitors = Integer.parseInt(args[4]);
        HistoryStore store = new HistoryStore(url, args[1], "", Duration.ofDays(30), 100_000, null);
        store.start();
        store.queries().latest(); // waits for the database to open
        offer(store.writer(), rate, 5, monitors, 0); // warm-up
        store.writer().flush(Duration.ofSeconds(60));

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long writer = writerThread();
        long cpu0 = threads.getThreadCpuTime(writer);
        long pg0 = serverCpu();
        long t0 = System.nanoTime();
        long rows = offer(store.writer(), rate, seconds, monitors, 5 * rate);
        boolean flushed = store.writer().flush(Duration.ofSeconds(120));
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (threads.getThreadCpuTime(writer) - cpu0) / 1e6;
        long pg = serverCpu();
        System.out.printf(Locale.ROOT, "%s, %d checks/s for %d s: %,d rows (%s) in %.1f s, %d dropped%n",
                url.startsWith("jdbc:postgresql:") ? "PostgreSQL" : "H2", rate, seconds, rows,
                flushed ? "all written" : "NOT all written", wall, store.writer().dropped());
        System.out.printf(Locale.ROOT, "writer thread CPU: %.0f ms, %.1f ms per 1,000 rows%n", cpu, cpu * 1000 / rows);
        if (pg0 >= 0) {
            System.out.printf(Locale.ROOT, "PostgreSQL server CPU: %d ms, %.1f ms per 1,000 rows%n", pg - pg0,
                    (pg - pg0) * 1000.0 / rows);
        }
        store.stop();
    }

    /** Offers {@code rate} checks a second, spread over each second; returns the rows offered. */
    static long offer(HistoryWriter writer, int rate, int seconds, int monitors, int first)
            throws InterruptedException {
        long rows = 0;
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        for (int i = first; i < first + rate * seconds; i++) {
            String id = ScaleHistory.id(i % monitors);
            long now = System.currentTimeMillis();
            double total = 20 + i % 150;
            writer.offer(new Check(id, now, true, total, null, null, "https://" + id + ".example.com/health"));
            int probes = i % 100 == 0 ? 20 : 1;
            for (int n = 0; n < probes; n++) {
                writer.offer(new Probe(id, now, probes == 1 ? "local" : "node-" + n, "", "", "203.0.113.1", 200, true,
                        1, total / 6, total / 3, total / 2 - 1, 0.5, total + n, 5120, null));
            }
            rows += 1 + probes;
            next += interval;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        return rows;
    }

    private static long writerThread() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("history-writer"))
                .findFirst().orElseThrow().getId();
    }

    /** CPU ms of the PostgreSQL server's processes so far; -1 without {@code pg.pid}. */
    private static long serverCpu() {
        String pid = System.getProperty("pg.pid", "");
        if (pid.isEmpty()) {
            return -1;
        }
        Optional<ProcessHandle> postmaster = ProcessHandle.of(Long.parseLong(pid));
        return postmaster.map(p -> p.children().mapToLong(c -> c.info().totalCpuDuration()
                .map(Duration::toMillis).orElse(0L)).sum()).orElse(-1L);
    }
}
