package io.bactrian.history;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import io.bactrian.history.Stats.Incident;
import io.bactrian.history.Stats.Percentiles;
import io.bactrian.history.Stats.StoredAlert;
import io.bactrian.probe.kafka.LagStatus;
import io.bactrian.store.Rows;
import io.bactrian.store.Rows.Check;
import io.bactrian.store.Rows.Lag;
import io.bactrian.store.Rows.Probe;

/**
 * What the status page, the public pages, the badges and the JSON API show, computed from the
 * history. Long because all of them read the same summaries and states, which must agree; each
 * query here is a few lines.
 */
public class StatusView {
    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;

    /** Monitors a page of the overview lists when the request names no other number. */
    public static final int PER_PAGE = 100;
    /** Most monitors a page of the overview lists. */
    public static final int MAX_PER_PAGE = 1000;
    /** The states in the overview's order: the ones that need someone first. */
    public static final List<String> STATES = List.of("down", "failing", "maintenance", "up", "unknown");

    private final HistoryQueries history;
    private final long retentionMs;
    private final LongSupplier clock;
    /** How the overview sorts: by state (those that need someone first), name, response time (slowest first), last change (newest first). */
    public static final List<String> SORTS = List.of("state", "name", "response", "changed");

    private final Predicate<String> inMaintenance;
    private final Function<String, Labels> labels;

    public StatusView(HistoryStore store, LongSupplier clock) {
        this(store, clock, monitor -> false);
    }

    /** @param inMaintenance whether a monitor is in a maintenance window now */
    public StatusView(HistoryStore store, LongSupplier clock, Predicate<String> inMaintenance) {
        this(store, clock, inMaintenance, monitor -> Labels.NONE);
    }

    /** @param labels a monitor's group, tags and description as its list writes them */
    public StatusView(HistoryStore store, LongSupplier clock, Predicate<String> inMaintenance,
                      Function<String, Labels> labels) {
        this.history = store.queries();
        this.retentionMs = store.retention().duration().toMillis();
        this.clock = clock;
        this.inMaintenance = inMaintenance;
        this.labels = labels;
    }

    /** What a monitor's list says of it for the overview: group and description null, tags empty when not written. */
    public record Labels(String group, List<String> tags, String description) {
        public static final Labels NONE = new Labels(null, List.of(), null);

        public Labels {
            tags = List.copyOf(tags);
        }
    }

    /** A period of the uptime bars: checks run and passed; uptime null when none ran. */
    public record Bar(long fromMs, long checks, long ups) {
        public Double uptime() {
            return checks == 0 ? null : 100.0 * ups / checks;
        }
    }

    /**
     * One monitor on the overview. State: {@code maintenance} in a maintenance window,
     * {@code down} while an incident is open, {@code failing} when the last check failed but
     * the alert rule has not called it down yet, {@code up}, {@code unknown} with no check kept.
     * {@code changedMs}: when its last incident opened or closed, null when none is kept.
     */
    public record Summary(String id, String target, String state, Long lastCheckMs, Double latencyMs, String reason,
                          Double uptime24h, Double uptime7d, Double uptime30d, List<Bar> hours, String group,
                          List<String> tags, String description, Long changedMs) {
    }

    /** A line of a chart: points of [epoch ms, milliseconds]. */
    public record Series(String name, List<double[]> points) {
    }

    /**
     * What a Kafka lag monitor's page adds: the group's worst status, each topic at the last
     * evaluation (failing first, then by name) and per topic the lag and lag in seconds over the
     * window.
     */
    public record Kafka(String status, List<Lag> topics, List<TopicCharts> charts) {
    }

    /** A topic's lag (messages) and lag in seconds over the window, one series each. */
    public record TopicCharts(String topic, Series lag, Series lagSeconds) {
    }

    /** {@code kafka} null unless the monitor is a Kafka consumer group. */
    public record Detail(Summary summary, List<Probe> lastRun, Map<String, Map<String, Percentiles>> percentiles,
                         List<Series> totalByNode, List<Series> phases, List<Incident> incidents, List<Bar> days,
                         long windowMs, Kafka kafka) {
    }

    /**
     * What the overview asks for: monitors whose id, target, description or group contains every
     * word of {@code text} (any case; empty: all), in {@code state}, {@code group}, with
     * {@code tag} (each null: any); {@code needs}: only those that need someone (down, failing, or
     * with an alert not delivered; not those in maintenance); sorted by {@code sort} (one of
     * {@link #SORTS}); page {@code page} (from 1) of {@code perPage}.
     */
    public record Query(String text, String state, String group, String tag, String sort, boolean needs, int page,
                        int perPage) {
        public Query {
            text = text == null ? "" : text.strip();
            state = blankAsNull(state);
            group = blankAsNull(group);
            tag = blankAsNull(tag);
            sort = sort == null || sort.isBlank() ? SORTS.get(0) : sort.strip();
            page = Math.max(1, page);
            perPage = Math.max(1, Math.min(MAX_PER_PAGE, perPage));
        }

        public Query(String text, String state, int page, int perPage) {
            this(text, state, null, null, null, false, page, perPage);
        }

        /** This query on another page. */
        public Query onPage(int other) {
            return new Query(text, state, group, tag, sort, needs, other, perPage);
        }

        private static String blankAsNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }

        boolean matches(String id, Check last, String monitorState, Labels l, boolean undelivered) {
            if (needs && (monitorState.equals("maintenance")
                    || !monitorState.equals("down") && !monitorState.equals("failing") && !undelivered)) {
                return false;
            }
            if (state != null && !state.equals(monitorState) || group != null && !group.equals(l.group())
                    || tag != null && !l.tags().contains(tag)) {
                return false;
            }
            if (text.isEmpty()) {
                return true;
            }
            String haystack = (id + "\n" + (last == null || last.target() == null ? "" : last.target()) + "\n"
                    + (l.description() == null ? "" : l.description()) + "\n" + (l.group() == null ? "" : l.group()))
                    .toLowerCase(Locale.ROOT);
            for (String word : text.toLowerCase(Locale.ROOT).split("\\s+")) {
                if (!haystack.contains(word)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * A page of the overview: how many monitors are in each state and each group (all of them,
     * whatever the query) and how many need someone, how many the query matched, and the
     * page's monitors in the query's order.
     */
    public record Overview(Map<String, Integer> counts, int total, Query query, int matched, int pages,
                           List<Summary> monitors, Map<String, Integer> groups, int needs) {
        public Overview(Map<String, Integer> counts, int total, Query query, int matched, int pages,
                        List<Summary> monitors) {
            this(counts, total, query, matched, pages, monitors, Map.of(), 0);
        }
    }

    /** A monitor as the overview sorts and filters it, before its figures are read. */
    private record Entry(String id, Check last, String state, Labels labels) {
    }

    /** The overview with no alert left undelivered. */
    public Overview overview(Query query) throws SQLException {
        return overview(query, Set.of());
    }

    /**
     * The overview: every monitor's state and labels from memory, filtered and sorted, then the
     * figures (hour bars, uptime) read for the monitors of the page only, in three queries, so a
     * page costs the same with 10 or 10,000 monitors.
     *
     * @param undelivered the monitors with an alert not delivered, for {@link Query#needs()}
     */
    public Overview overview(Query query, Set<String> undelivered) throws SQLException {
        long now = clock.getAsLong();
        Map<String, Check> latest = history.latest();
        Map<String, Integer> counts = new LinkedHashMap<>();
        STATES.forEach(state -> counts.put(state, 0));
        Map<String, Integer> groups = new TreeMap<>();
        int needs = 0;
        List<Entry> matched = new ArrayList<>();
        for (Map.Entry<String, Check> e : latest.entrySet()) {
            String state = state(e.getKey(), e.getValue());
            Labels l = labels.apply(e.getKey());
            counts.merge(state, 1, Integer::sum);
            if (l.group() != null) {
                groups.merge(l.group(), 1, Integer::sum);
            }
            boolean late = undelivered.contains(e.getKey());
            if (!state.equals("maintenance") && (state.equals("down") || state.equals("failing") || late)) {
                needs++;
            }
            if (query.matches(e.getKey(), e.getValue(), state, l, late)) {
                matched.add(new Entry(e.getKey(), e.getValue(), state, l));
            }
        }
        matched.sort(order(query.sort()));
        int pages = Math.max(1, (matched.size() + query.perPage() - 1) / query.perPage());
        int from = Math.min(matched.size(), (query.page() - 1) * query.perPage());
        List<Entry> page = matched.subList(from, Math.min(matched.size(), from + query.perPage()));
        List<String> ids = page.stream().map(Entry::id).toList();
        Map<String, Map<Long, long[]>> hourly = history.hourly(ids, now - DAY);
        Map<String, long[]> week = history.uptimeCounts(ids, now - 7 * DAY);
        Map<String, long[]> month = history.uptimeCounts(ids, now - 30 * DAY);
        List<Summary> out = new ArrayList<>();
        for (Entry m : page) {
            out.add(summary(m.id(), m.state(), now, hourly.getOrDefault(m.id(), Map.of()), week.get(m.id()),
                    month.get(m.id())));
        }
        return new Overview(counts, latest.size(), query, matched.size(), pages, out, groups, needs);
    }

    /** The overview's order for a sort of {@link #SORTS}; ties by id. */
    private Comparator<Entry> order(String sort) {
        Comparator<Entry> byId = Comparator.comparing(Entry::id);
        return switch (sort) {
            case "name" -> byId;
            case "response" -> Comparator.comparing((Entry m) -> m.last() == null ? null : m.last().totalMs(),
                    Comparator.nullsLast(Comparator.<Double>reverseOrder())).thenComparing(byId);
            case "changed" -> Comparator.comparing((Entry m) -> history.changed(m.id()),
                    Comparator.nullsLast(Comparator.<Long>reverseOrder())).thenComparing(byId);
            default -> Comparator.comparingInt((Entry m) -> STATES.indexOf(m.state())).thenComparing(byId);
        };
    }

    /**
     * These monitors' summaries in the order given, each with its state and the last 24 hours'
     * bars; a monitor with no check kept is {@code unknown}.
     */
    public List<Summary> summaries(List<String> ids) throws SQLException {
        long now = clock.getAsLong();
        Map<String, Map<Long, long[]>> hourly = history.hourly(ids, now - DAY);
        Map<String, long[]> week = history.uptimeCounts(ids, now - 7 * DAY);
        Map<String, long[]> month = history.uptimeCounts(ids, now - 30 * DAY);
        List<Summary> out = new ArrayList<>();
        for (String id : ids) {
            out.add(summary(id, state(id, history.latest().get(id)), now, hourly.getOrDefault(id, Map.of()),
                    week.get(id), month.get(id)));
        }
        return out;
    }

    /**
     * The nodes that failed in a monitor's last check written while the check as a whole
     * passed: a speed test whose quorum held though some provinces or ISPs failed. Empty when
     * the check failed, or every node passed.
     */
    public List<Probe> failedNodesOfPassingCheck(String id) throws SQLException {
        Check last = history.written(id);
        if (last == null || !last.up()) {
            return List.of();
        }
        return history.probes(id, last.atMs(), last.atMs() + 1).stream().filter(p -> !p.ok()).toList();
    }

    /** The incidents of these monitors kept in the history, newest first. */
    public List<Incident> incidents(Collection<String> ids) throws SQLException {
        long from = clock.getAsLong() - retentionMs;
        List<Incident> incidents = new ArrayList<>();
        for (String id : ids) {
            incidents.addAll(Stats.incidents(history.alerts(id, from)));
        }
        incidents.sort(Comparator.comparingLong(Incident::startMs).reversed().thenComparing(Incident::monitor));
        return incidents;
    }

    /** A monitor's state now; {@code last} its last check, null when none is kept. */
    private String state(String id, Check last) {
        if (inMaintenance.test(id)) {
            return "maintenance";
        }
        if (history.down(id)) {
            return "down";
        }
        return last == null ? "unknown" : last.up() ? "up" : "failing";
    }

    /** One monitor as on the overview, whatever the query; state {@code unknown} and no figures for one never seen. */
    public Summary summary(String id) throws SQLException {
        return summaries(List.of(id)).get(0);
    }

    /** {@code hours}: the hourly counts of the last 24 h; {@code week}, {@code month}: checks and passes. */
    Summary summary(String id, String state, long now, Map<Long, long[]> hours, long[] week, long[] month) {
        Check last = history.latest().get(id);
        long thisHour = now / HOUR * HOUR;
        List<Bar> bars = new ArrayList<>();
        for (int i = 23; i >= 0; i--) {
            long from = thisHour - i * HOUR;
            long[] h = hours.getOrDefault(from, new long[2]);
            bars.add(new Bar(from, h[0], h[1]));
        }
        Labels l = labels.apply(id);
        return new Summary(id, last == null ? null : last.target(), state, last == null ? null : last.atMs(),
                last == null ? null : last.totalMs(), last == null || last.up() ? null : last.reason(),
                uptime(hours, now, DAY), percent(week), percent(month), bars, l.group(), l.tags(), l.description(),
                history.changed(id));
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

    private static Double percent(long[] counts) {
        return counts == null || counts[0] == 0 ? null : Stats.uptimePercent(counts[1], counts[0]);
    }

    /** One monitor's page over the last {@code windowMs}; null for a monitor never seen. */
    public Detail detail(String id, long windowMs) throws SQLException {
        long now = clock.getAsLong();
        List<String> ids = List.of(id);
        Map<Long, long[]> hours = history.hourly(ids, now - DAY).getOrDefault(id, Map.of());
        long[] month = history.uptimeCounts(ids, now - 30 * DAY).get(id);
        List<StoredAlert> alerts = history.alerts(id, now - retentionMs);
        if (history.latest().get(id) == null && month == null && alerts.isEmpty()) {
            return null;
        }
        Summary summary = summary(id, state(id, history.latest().get(id)), now, hours,
                history.uptimeCounts(ids, now - 7 * DAY).get(id), month);
        // the probes (or topics) of the last check in the database: the newest may wait in the queue
        Check last = history.written(id);
        List<Probe> lastRun = last == null ? List.of() : history.probes(id, last.atMs(), last.atMs() + 1);

        // whole UTC days of the window from the daily rollup, the partial days at its ends from the probes
        long from = now - windowMs;
        long firstDay = Math.floorDiv(from + DAY - 1, DAY) * DAY;
        long today = Math.floorDiv(now, DAY) * DAY;
        List<Probe> probes = new ArrayList<>();
        List<LatencyDay> rolled = List.of();
        if (firstDay < today) {
            probes.addAll(history.probes(id, from, firstDay));
            rolled = history.latencyDays(id, firstDay, today);
            probes.addAll(history.probes(id, today, Long.MAX_VALUE));
        } else {
            probes.addAll(history.probes(id, from, Long.MAX_VALUE));
        }
        Latencies all = new Latencies(from, windowMs);
        Map<String, Latencies> byNode = new TreeMap<>();
        for (Probe p : probes) {
            all.add(p);
            byNode.computeIfAbsent(p.node(), n -> new Latencies(from, windowMs)).add(p);
        }
        for (LatencyDay d : rolled) {
            all.add(d);
            byNode.computeIfAbsent(d.node(), n -> new Latencies(from, windowMs)).add(d);
        }
        Map<String, Map<String, Percentiles>> percentiles = new LinkedHashMap<>();
        percentiles.put("all nodes", all.percentiles());
        if (byNode.size() > 1) {
            byNode.forEach((node, l) -> percentiles.put(node, l.percentiles()));
        }
        List<Series> totals = new ArrayList<>();
        byNode.forEach((node, l) -> totals.add(l.series(node, Rows.PHASES.length - 1)));
        List<Series> phases = new ArrayList<>();
        for (int i = 0; i < Rows.PHASES.length; i++) {
            phases.add(all.series(Rows.PHASES[i], i));
        }

        Map<Long, long[]> daily = history.daily(id, today - 29 * DAY).getOrDefault(id, Map.of());
        List<Bar> days = new ArrayList<>();
        for (int i = 29; i >= 0; i--) {
            long dayFrom = today - i * DAY;
            long[] n = daily.getOrDefault(dayFrom, new long[2]);
            days.add(new Bar(dayFrom, n[0], n[1]));
        }
        List<Incident> incidents = new ArrayList<>(Stats.incidents(alerts));
        incidents.sort(Comparator.comparingLong(Incident::startMs).reversed());
        return new Detail(summary, lastRun, percentiles, totals, phases, incidents, days, windowMs,
                kafka(id, last, from, windowMs));
    }

    private Kafka kafka(String id, Check last, long from, long windowMs) throws SQLException {
        List<Lag> rows = history.lags(id, last == null ? from : Math.min(from, last.atMs()));
        if (rows.isEmpty()) {
            return null;
        }
        long lastAt = last == null ? rows.get(rows.size() - 1).atMs() : last.atMs();
        List<Lag> current = new ArrayList<>(rows.stream().filter(r -> r.atMs() == lastAt).toList());
        current.sort(Comparator.comparingInt((Lag r) -> -LagStatus.valueOf(r.status()).ordinal())
                .thenComparing(Lag::topic));
        String status = current.isEmpty() ? null : current.get(0).status();
        // charts in the table's order (failing first), then topics seen earlier in the window only
        Map<String, Slices[]> byTopic = new LinkedHashMap<>();
        current.forEach(r -> byTopic.put(r.topic(), new Slices[]{new Slices(from, windowMs), new Slices(from, windowMs)}));
        for (Lag r : rows) {
            if (r.atMs() < from) {
                continue;
            }
            Slices[] s = byTopic.computeIfAbsent(r.topic(),
                    t -> new Slices[]{new Slices(from, windowMs), new Slices(from, windowMs)});
            s[0].add(r.atMs(), r.lag() == null ? null : r.lag().doubleValue());
            s[1].add(r.atMs(), r.lagSeconds());
        }
        List<TopicCharts> charts = new ArrayList<>();
        byTopic.forEach((topic, s) -> charts.add(new TopicCharts(topic, s[0].series("lag"),
                s[1].series("lag seconds"))));
        return new Kafka(status, current, charts);
    }

    /** The mean of each of 120 equal slices of a window, for a chart. */
    static final class Slices {
        private static final int SLICES = 120;
        private final long from;
        private final long windowMs;
        private final double[] sums = new double[SLICES];
        private final long[] counts = new long[SLICES];

        Slices(long from, long windowMs) {
            this.from = from;
            this.windowMs = windowMs;
        }

        /** Adds one value; an unknown one (null) is left out. */
        void add(long atMs, Double value) {
            if (value != null) {
                add(atMs, value, 1);
            }
        }

        /** Adds {@code count} values summing to {@code sum}. */
        void add(long atMs, double sum, long count) {
            int slice = (int) Math.min(SLICES - 1, Math.max(0, (atMs - from) * SLICES / windowMs));
            sums[slice] += sum;
            counts[slice] += count;
        }

        Series series(String name) {
            List<double[]> points = new ArrayList<>();
            for (int b = 0; b < SLICES; b++) {
                if (counts[b] > 0) {
                    points.add(new double[]{from + (b + 0.5) * windowMs / SLICES, sums[b] / counts[b]});
                }
            }
            return new Series(name, points);
        }
    }

    /**
     * The latencies of a window, from probes and daily rollups alike: each phase's histogram
     * (percentiles) and the mean of each of 120 equal slices of the window (charts); a rolled-up
     * day counts at its middle. Only probes that got an answer (status above 0) have latencies.
     */
    static final class Latencies {
        private final LatencyHistogram[] histograms = new LatencyHistogram[Rows.PHASES.length];
        private final Slices[] slices = new Slices[Rows.PHASES.length];

        Latencies(long from, long windowMs) {
            for (int i = 0; i < histograms.length; i++) {
                histograms[i] = new LatencyHistogram();
                slices[i] = new Slices(from, windowMs);
            }
        }

        void add(Probe p) {
            if (p.status() <= 0) {
                return;
            }
            for (int i = 0; i < Rows.PHASES.length; i++) {
                double v = p.phase(Rows.PHASES[i]);
                histograms[i].add(v);
                slices[i].add(p.atMs(), v, 1);
            }
        }

        void add(LatencyDay d) {
            for (int i = 0; i < Rows.PHASES.length; i++) {
                histograms[i].addAll(d.histogram(i));
                slices[i].add(d.dayMs() + DAY / 2, d.sum(i), d.samples());
            }
        }

        Map<String, Percentiles> percentiles() {
            Map<String, Percentiles> out = new LinkedHashMap<>();
            for (int i = 0; i < Rows.PHASES.length; i++) {
                out.put(Rows.PHASES[i], histograms[i].percentiles());
            }
            return out;
        }

        Series series(String name, int phase) {
            return slices[phase].series(name);
        }
    }
}
