package io.camelmonitor.history;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;

import io.camelmonitor.history.Rows.Check;
import io.camelmonitor.history.Rows.Probe;
import io.camelmonitor.history.Stats.Incident;
import io.camelmonitor.history.Stats.Percentiles;
import io.camelmonitor.history.Stats.StoredAlert;

/** What the status page and the JSON API show, computed from the history. */
public class StatusView {
    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;

    private final HistoryStore store;
    private final LongSupplier clock;

    public StatusView(HistoryStore store, LongSupplier clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A period of the uptime bars: checks run and passed; uptime null when none ran. */
    public record Bar(long fromMs, long checks, long ups) {
        public Double uptime() {
            return checks == 0 ? null : 100.0 * ups / checks;
        }
    }

    /**
     * One monitor on the overview. State: {@code down} while an incident is open, {@code failing}
     * when the last check failed but the alert rule has not called it down yet, {@code up},
     * {@code unknown} with no check kept.
     */
    public record Summary(String id, String target, String state, Long lastCheckMs, Double latencyMs, String reason,
                          Double uptime24h, Double uptime7d, Double uptime30d, List<Bar> hours) {
    }

    /** A line of a chart: points of [epoch ms, milliseconds]. */
    public record Series(String name, List<double[]> points) {
    }

    public record Detail(Summary summary, List<Probe> lastRun, Map<String, Map<String, Percentiles>> percentiles,
                         List<Series> totalByNode, List<Series> phases, List<Incident> incidents, List<Bar> days,
                         long windowMs) {
    }

    public List<Summary> overview() throws SQLException {
        long now = clock.getAsLong();
        Map<String, Map<Long, long[]>> hourly = store.hourly(null, now - 30 * DAY);
        Map<String, List<StoredAlert>> alerts = byMonitor(store.alerts(null, now - store.retention().toMillis()));
        TreeSet<String> ids = new TreeSet<>(store.latest().keySet());
        ids.addAll(hourly.keySet());
        List<Summary> out = new ArrayList<>();
        for (String id : ids) {
            out.add(summary(id, now, hourly.getOrDefault(id, Map.of()), alerts.getOrDefault(id, List.of())));
        }
        out.sort(Comparator.comparingInt((Summary s) -> severity(s.state())).thenComparing(Summary::id));
        return out;
    }

    private static int severity(String state) {
        return switch (state) {
            case "down" -> 0;
            case "failing" -> 1;
            case "up" -> 2;
            default -> 3;
        };
    }

    private static Map<String, List<StoredAlert>> byMonitor(List<StoredAlert> alerts) {
        Map<String, List<StoredAlert>> out = new LinkedHashMap<>();
        alerts.forEach(a -> out.computeIfAbsent(a.monitor(), m -> new ArrayList<>()).add(a));
        return out;
    }

    Summary summary(String id, long now, Map<Long, long[]> hours, List<StoredAlert> alerts) {
        Check last = store.latest().get(id);
        List<Incident> incidents = Stats.incidents(alerts);
        boolean open = !incidents.isEmpty() && incidents.get(incidents.size() - 1).open();
        String state = open ? "down" : last == null ? "unknown" : last.up() ? "up" : "failing";
        long thisHour = now / HOUR * HOUR;
        List<Bar> bars = new ArrayList<>();
        for (int i = 23; i >= 0; i--) {
            long from = thisHour - i * HOUR;
            long[] h = hours.getOrDefault(from, new long[2]);
            bars.add(new Bar(from, h[0], h[1]));
        }
        return new Summary(id, last == null ? null : last.target(), state, last == null ? null : last.atMs(),
                last == null ? null : last.totalMs(), last == null || last.up() ? null : last.reason(),
                uptime(hours, now, DAY), uptime(hours, now, 7 * DAY), uptime(hours, now, 30 * DAY), bars);
    }

    /**
     * Uptime over a period, counted by the hour: the last 24 h are the current hour and the
     * 24 whole hours before it. Null when no check ran.
     */
    public static Double uptime(Map<Long, long[]> hours, long now, long periodMs) {
        long from = (now - periodMs) / HOUR * HOUR;
        long checks = 0;
        long ups = 0;
        for (Map.Entry<Long, long[]> e : hours.entrySet()) {
            if (e.getKey() >= from) {
                checks += e.getValue()[0];
                ups += e.getValue()[1];
            }
        }
        return checks == 0 ? null : Stats.uptimePercent(ups, checks);
    }

    /** One monitor's page over the last {@code windowMs}; null for a monitor never seen. */
    public Detail detail(String id, long windowMs) throws SQLException {
        long now = clock.getAsLong();
        Map<Long, long[]> hours = store.hourly(id, now - 30 * DAY).getOrDefault(id, Map.of());
        List<StoredAlert> alerts = store.alerts(id, now - store.retention().toMillis());
        if (store.latest().get(id) == null && hours.isEmpty() && alerts.isEmpty()) {
            return null;
        }
        Summary summary = summary(id, now, hours, alerts);
        List<Probe> probes = store.probes(id, now - windowMs);
        long lastAt = probes.isEmpty() ? -1 : probes.get(probes.size() - 1).atMs();
        List<Probe> lastRun = probes.stream().filter(p -> p.atMs() == lastAt).toList();

        Map<String, List<Probe>> byNode = new TreeMap<>();
        probes.forEach(p -> byNode.computeIfAbsent(p.node(), n -> new ArrayList<>()).add(p));
        Map<String, Map<String, Percentiles>> percentiles = new LinkedHashMap<>();
        percentiles.put("all nodes", percentiles(probes));
        if (byNode.size() > 1) {
            byNode.forEach((node, rows) -> percentiles.put(node, percentiles(rows)));
        }

        int buckets = 120;
        long from = now - windowMs;
        List<Series> totals = new ArrayList<>();
        byNode.forEach((node, rows) -> totals.add(series(node, rows, "total", from, windowMs, buckets)));
        List<Series> phases = new ArrayList<>();
        for (String phase : Rows.PHASES) {
            phases.add(series(phase, probes, phase, from, windowMs, buckets));
        }

        long today = now / DAY * DAY;
        List<Bar> days = new ArrayList<>();
        for (int i = 29; i >= 0; i--) {
            long dayFrom = today - i * DAY;
            long checks = 0;
            long ups = 0;
            for (Map.Entry<Long, long[]> e : hours.entrySet()) {
                if (e.getKey() >= dayFrom && e.getKey() < dayFrom + DAY) {
                    checks += e.getValue()[0];
                    ups += e.getValue()[1];
                }
            }
            days.add(new Bar(dayFrom, checks, ups));
        }
        List<Incident> incidents = new ArrayList<>(Stats.incidents(alerts));
        incidents.sort(Comparator.comparingLong(Incident::startMs).reversed());
        return new Detail(summary, lastRun, percentiles, totals, phases, incidents, days, windowMs);
    }

    /** p50, p95 and p99 of each phase of the probes that got an answer (status above 0). */
    public static Map<String, Percentiles> percentiles(List<Probe> probes) {
        Map<String, Percentiles> out = new LinkedHashMap<>();
        List<Probe> answered = probes.stream().filter(p -> p.status() > 0).toList();
        for (String phase : Rows.PHASES) {
            out.put(phase, Percentiles.of(answered.stream().mapToDouble(p -> p.phase(phase)).toArray()));
        }
        return out;
    }

    /** The mean of each of {@code buckets} equal slices of the window that has data. */
    static Series series(String name, List<Probe> rows, String phase, long from, long windowMs, int buckets) {
        double[] sum = new double[buckets];
        int[] n = new int[buckets];
        for (Probe p : rows) {
            if (p.status() <= 0) {
                continue;
            }
            int b = (int) Math.min(buckets - 1, Math.max(0, (p.atMs() - from) * buckets / windowMs));
            sum[b] += p.phase(phase);
            n[b]++;
        }
        List<double[]> points = new ArrayList<>();
        for (int b = 0; b < buckets; b++) {
            if (n[b] > 0) {
                points.add(new double[]{from + (b + 0.5) * windowMs / buckets, sum[b] / n[b]});
            }
        }
        return new Series(name, points);
    }
}
