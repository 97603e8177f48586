package io.camelmonitor.history;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.camelmonitor.history.Rows.Check;
import io.camelmonitor.history.Rows.Probe;
import io.camelmonitor.history.Stats.StoredAlert;

/**
 * Fills an empty history database with synthetic one-minute history ending now, through the
 * store's own batch write (so the rollups are built as they are in use), monitor by monitor
 * in time order: plain HTTP monitors with one probe per check, speed tests with one per node,
 * an incident or two per monitor and month (DOWN, REMINDER, RESOLVED, failing checks), a few
 * monitors down now. Run by bench/status-page.sh through {@link StatusPageBench}.
 */
final class HistoryGenerator {
    static final long MINUTE = 60_000L;
    static final long DAY = 86_400_000L;
    static final String[] NODES = {"江苏宿迁[电信]", "广东佛山[电信]", "浙江嘉兴[联通]", "北京[联通]", "上海[电信]",
            "四川成都[移动]", "湖北武汉[电信]", "山东济南[移动]"};

    private HistoryGenerator() {
    }

    static String monitor(int i) {
        return String.format(Locale.ROOT, "site-%04d", i);
    }

    /** Monitors whose number is below {@code speedTests} probe from every node. */
    static long generate(String url, String user, int monitors, int speedTests, int days, long now) throws Exception {
        long rows = 0;
        long from = (now - days * DAY) / MINUTE * MINUTE;
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            HistoryStore.createSchema(c);
            LatencyRollups rollups = new LatencyRollups();
            for (int m = 0; m < monitors; m++) {
                rows += monitor(c, rollups, monitor(m), m < speedTests ? NODES.length : 1, from, now, new Random(m),
                        m % 250 == 7);
                if (m % 50 == 49) {
                    System.out.printf(Locale.ROOT, "  %d monitors, %,d rows%n", m + 1, rows);
                }
            }
        }
        return rows;
    }

    private static long monitor(Connection c, LatencyRollups rollups, String id, int nodes, long from, long now,
                                Random random, boolean downNow) throws Exception {
        String target = "https://" + id + ".example.com/health";
        double base = 20 + random.nextDouble() * 150;
        // incidents: [start, end) in minutes from the start; an open one for a monitor down now
        List<long[]> incidents = new ArrayList<>();
        long minutes = (now - from) / MINUTE;
        int count = random.nextInt(3);
        for (int i = 0; i < count; i++) {
            long start = random.nextLong(minutes - 200);
            incidents.add(new long[]{start, start + 3 + random.nextInt(90)});
        }
        if (downNow) {
            incidents.add(new long[]{minutes - 40, Long.MAX_VALUE});
        }
        List<Object> batch = new ArrayList<>(20_000);
        long rows = 0;
        for (long i = 0; i <= minutes; i++) {
            long at = from + i * MINUTE;
            boolean up = true;
            for (long[] inc : incidents) {
                if (i >= inc[0] && i < inc[1]) {
                    up = false;
                }
                if (i == inc[0] + 2) {
                    batch.add(new StoredAlert(id, at, "DOWN", from + inc[0] * MINUTE, "unexpected status",
                            "HTTP 503 (expected 200)"));
                }
                if (i == inc[0] + 62 && inc[1] > i) {
                    batch.add(new StoredAlert(id, at, "REMINDER", from + inc[0] * MINUTE, "unexpected status",
                            "HTTP 503 (expected 200)"));
                }
                if (i == inc[1] + 1) {
                    batch.add(new StoredAlert(id, at, "RESOLVED", from + inc[0] * MINUTE, "unexpected status",
                            "HTTP 503 (expected 200)"));
                }
            }
            double sum = 0;
            for (int n = 0; n < nodes; n++) {
                double dns = 0.5 + random.nextDouble() * 3;
                double connect = base / 6 * (0.8 + random.nextDouble() * 0.4);
                double tls = base / 3 * (0.8 + random.nextDouble() * 0.4);
                double ttfb = base / 2 * Math.exp(random.nextGaussian() * 0.3);
                double download = random.nextDouble() * 4;
                double total = dns + connect + tls + ttfb + download;
                sum += total;
                batch.add(new Probe(id, at, nodes == 1 ? "local" : NODES[n], nodes == 1 ? "" : NODES[n].substring(0, 2),
                        nodes == 1 ? "" : "电信", "203.0.113." + (1 + n), up ? 200 : 503, up, dns, connect, tls, ttfb,
                        download, total, 5120, up ? null : "HTTP 503 (expected 200)"));
            }
            batch.add(new Check(id, at, up, sum / nodes, up ? null : "unexpected status",
                    up ? null : "HTTP 503 (expected 200)", target));
            if (batch.size() >= 20_000) {
                rows += batch.size();
                HistoryStore.write(c, batch, rollups);
                batch.clear();
            }
        }
        rows += batch.size();
        HistoryStore.write(c, batch, rollups);
        rollups.forget();
        return rows;
    }
}
