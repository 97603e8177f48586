package io.bactrian.history;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import io.bactrian.history.Stats.StoredAlert;
import io.bactrian.store.Rows;
import io.bactrian.store.Rows.Check;
import io.bactrian.store.Rows.Probe;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Fills a PostgreSQL history database with synthetic one-minute history ending now, monitor
 * by monitor in time order: plain HTTP monitors with one probe per check, speed tests with
 * one per node, an incident or two per monitor and month (DOWN, REMINDER, RESOLVED, failing
 * checks), a few monitors down now. Checks and probes go in with COPY and their indexes are
 * built at the end; the rollups are made by the store's own code (hour and day counts, the
 * daily latency rows). Run by bench/status-page.sh through {@link StatusPageBench}.
 */
final class HistoryGenerator {
    static final long MINUTE = 60_000L;
    static final long HOUR = 3_600_000L;
    static final long DAY = 86_400_000L;
    static final String[] NODES = {"江苏宿迁[电信]", "广东佛山[电信]", "浙江嘉兴[联通]", "北京[联通]", "上海[电信]",
            "四川成都[移动]", "湖北武汉[电信]", "山东济南[移动]"};
    static final String REASON = "HTTP 503 (expected 200)";

    private HistoryGenerator() {
    }

    static String monitor(int i) {
        return String.format(Locale.ROOT, "site-%04d", i);
    }

    /** Monitors whose number is below {@code speedTests} probe from every node; returns the rows made. */
    static long generate(Connection c, int monitors, int speedTests, int days, long now) throws Exception {
        long rows = 0;
        long from = (now - days * DAY) / MINUTE * MINUTE;
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            HistorySchema.create(c);
            // emptied and filled in one transaction without their indexes: COPY writes no WAL then
            s.execute("DROP INDEX cm_check_monitor_at");
            s.execute("DROP INDEX cm_probe_monitor_at");
            s.execute("TRUNCATE cm_check, cm_probe, cm_alert, cm_hourly, cm_daily, cm_latency_day");
        }
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        List<Object> alerts = new ArrayList<>();
        for (int m = 0; m < monitors; m++) {
            rows += monitor(c, copy, monitor(m), m < speedTests ? NODES.length : 1, from, now, new Random(m),
                    m % 250 == 7, alerts);
            if (m % 50 == 49) {
                System.out.printf(Locale.ROOT, "  %d monitors, %,d rows%n", m + 1, rows);
            }
        }
        System.out.println("  building the indexes");
        HistorySchema.create(c);
        c.commit();
        try (RowInserts writer = new RowInserts(c)) {
            writer.write(alerts);
        }
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        }
        return rows + alerts.size();
    }

    private static long monitor(Connection c, CopyManager copy, String id, int nodes, long from, long now,
                                Random random, boolean downNow, List<Object> alerts) throws Exception {
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
        List<Check> made = new ArrayList<>();
        Map<String, LatencyDay> latency = new LinkedHashMap<>();
        StringBuilder checks = new StringBuilder(8 << 20);
        StringBuilder probes = new StringBuilder(16 << 20);
        long rows = 0;
        for (long i = 0; i <= minutes; i++) {
            long at = from + i * MINUTE;
            boolean up = true;
            for (long[] inc : incidents) {
                up &= i < inc[0] || i >= inc[1];
                long since = from + inc[0] * MINUTE;
                if (i == inc[0] + 2) {
                    alerts.add(new StoredAlert(id, at, "DOWN", since, "unexpected status", REASON));
                } else if (i == inc[0] + 62 && inc[1] > i) {
                    alerts.add(new StoredAlert(id, at, "REMINDER", since, "unexpected status", REASON));
                } else if (i == inc[1] + 1) {
                    alerts.add(new StoredAlert(id, at, "RESOLVED", since, "unexpected status", REASON));
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
                String node = nodes == 1 ? "local" : NODES[n];
                Probe p = new Probe(id, at, node, nodes == 1 ? "" : NODES[n].substring(0, 2), nodes == 1 ? "" : "电信",
                        "203.0.113." + (1 + n), up ? 200 : 503, up, dns, connect, tls, ttfb, download, total, 5120,
                        up ? null : REASON);
                latency.computeIfAbsent(node + '\n' + at / DAY, k -> new LatencyDay(id, p.node(), at / DAY * DAY))
                        .add(p);
                probes.append(id).append('\t').append(at).append('\t').append(node).append('\t').append(p.region())
                        .append('\t').append(p.isp()).append('\t').append(p.ip()).append('\t').append(p.status())
                        .append('\t').append(up ? 't' : 'f');
                for (String phase : Rows.PHASES) {
                    decimal(probes.append('\t'), p.phase(phase));
                }
                probes.append("\t5120\t").append(up ? "\\N" : REASON).append('\n');
                rows++;
            }
            Check k = new Check(id, at, up, sum / nodes, up ? null : "unexpected status", up ? null : REASON, target);
            made.add(k);
            decimal(checks.append(id).append('\t').append(at).append('\t').append(up ? 't' : 'f').append('\t'),
                    sum / nodes).append('\t').append(up ? "\\N" : "unexpected status").append('\t')
                    .append(up ? "\\N" : REASON).append('\t').append(target).append('\n');
            rows++;
        }
        copy.copyIn("COPY cm_check (monitor, at_ms, up, total_ms, failure_class, reason, target) FROM STDIN",
                new StringReader(checks.toString()));
        copy.copyIn("COPY cm_probe (monitor, at_ms, node, region, isp, ip, status, ok, dns_ms, connect_ms, tls_ms,"
                + " ttfb_ms, download_ms, total_ms, size_bytes, reason) FROM STDIN", new StringReader(probes.toString()));
        try (CountRollup hourly = new CountRollup(c, "cm_hourly", "hour_ms", HOUR);
             CountRollup daily = new CountRollup(c, "cm_daily", "day_ms", DAY)) {
            hourly.add(made);
            daily.add(made);
        }
        LatencyRollups.insert(c, latency.values());
        return rows;
    }

    /** A non-negative value to the microsecond, without the cost of Double.toString. */
    private static StringBuilder decimal(StringBuilder b, double ms) {
        long us = Math.round(ms * 1000);
        long frac = us % 1000;
        b.append(us / 1000).append('.');
        if (frac < 100) {
            b.append(frac < 10 ? "00" : "0");
        }
        return b.append(frac);
    }
}
