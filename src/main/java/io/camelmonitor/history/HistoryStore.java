package io.camelmonitor.history;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.camelmonitor.alert.AlertEvent;
import io.camelmonitor.alert.CheckResult;
import io.camelmonitor.alert.Timed;
import io.camelmonitor.history.Rows.Check;
import io.camelmonitor.history.Rows.Lag;
import io.camelmonitor.history.Rows.Probe;
import io.camelmonitor.history.Stats.StoredAlert;
import io.camelmonitor.kafka.LagReport;
import io.camelmonitor.metrics.MetricReport;
import io.camelmonitor.node.NodeResult;
import io.camelmonitor.node.SpeedReport;
import io.camelmonitor.node.SpeedRow;
import io.camelmonitor.probe.ProbeResult;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every check, every node's probe, every Kafka group's lag per topic and every alert event, in a
 * JDBC database: an H2 file by default, PostgreSQL (or any database speaking the same plain SQL)
 * when a JDBC URL is set.
 *
 * <p>The route steps only put rows on a bounded queue ({@link #record}, {@link #recordAlert});
 * one writer thread inserts them in batches ({@link HistoryWriter}), so a slow database never
 * holds up a probe. It lets rows gather for up to {@link #LINGER_MS} before it writes, so at
 * 10,000 checks a minute a batch holds hundreds of rows, not one. When the queue is full a row
 * is dropped and counted, never waited for.
 *
 * <p>Each monitor's last check and whether it is down (an incident open) are kept in memory
 * too, so the overview of thousands of monitors needs no query to know their states.
 *
 * <p>The writer thread also opens the database, so start-up and the first probes do not wait
 * for it: rows queue until it is open, and readers wait for it.
 */
public class HistoryStore extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryStore.class);
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final int BATCH = 1000;
    /** How long the writer lets rows gather after the first one before it writes them. */
    static final long LINGER_MS = 1000;
    /** Put on the queue by {@link #flush}: the writer writes what it has without lingering. */
    private static final Object HURRY = new Object();
    /** How long a reader waits for the database to open before it is told it is not open. */
    private static final long OPEN_WAIT_MS = 10_000;

    private final String url;
    private final String user;
    private final String password;
    private final Duration retention;
    private final BlockingQueue<Object> queue;
    private final HistoryListener listener;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    private final Map<String, Check> latest = new ConcurrentHashMap<>();
    /**
     * Each monitor's last check in the database: what its page looks up the probes (or topics)
     * of, as the last check in memory may still wait in the queue.
     */
    private final Map<String, Check> written = new ConcurrentHashMap<>();
    /** Monitors with an incident open: their last DOWN or REMINDER came after their last RESOLVED. */
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    /**
     * Monitors forgotten while the database opened: the states read from it leave them out.
     * Guards {@link #alertedEarly} and {@link #loaded} too.
     */
    private final Set<String> forgotten = new HashSet<>();
    /** Monitors alerted while the database opened: that alert is newer than what it holds. */
    private final Set<String> alertedEarly = new HashSet<>();
    private boolean loaded;
    private final Object readLock = new Object();
    private volatile Thread writer;
    private volatile boolean stopping;
    /** Done when the writer has opened the database; readers wait for it. */
    private volatile CompletableFuture<Void> opened = new CompletableFuture<>();
    private volatile String openFailure;
    private Connection writeConnection;
    private HistoryWriter batchWriter;
    private Connection readConnection;

    /** Receives every row as it is recorded, e.g. the metrics. */
    public interface HistoryListener {
        void checked(Check check, List<Probe> probes);

        void alerted(AlertEvent event);

        /** A Kafka group's topics at one evaluation. */
        default void lagged(String monitor, List<Lag> topics) {
        }

        HistoryListener NONE = new HistoryListener() {
            @Override
            public void checked(Check check, List<Probe> probes) {
            }

            @Override
            public void alerted(AlertEvent event) {
            }
        };
    }

    public HistoryStore(String url, String user, String password, Duration retention, int queueSize,
                        HistoryListener listener) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.retention = retention;
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.listener = listener == null ? HistoryListener.NONE : listener;
    }

    @Override
    protected void doStart() {
        stopping = false;
        synchronized (forgotten) {
            loaded = false;
        }
        if (opened.isDone()) {
            opened = new CompletableFuture<>();
        }
        Thread t = new Thread(() -> {
            if (open()) {
                writeLoop();
            }
        }, "history-writer");
        t.setDaemon(true);
        writer = t;
        t.start();
    }

    /**
     * Opens the database, tried again with a growing pause while it cannot be (rows wait in the
     * queue meanwhile); false when stopped first.
     */
    private boolean open() {
        long pause = 1000;
        while (true) {
            try {
                writeConnection = connect();
                readConnection = connect();
                createSchema(writeConnection);
                batchWriter = new HistoryWriter(writeConnection);
                remember(loadLatest(), loadDown());
                openFailure = null;
                opened.complete(null);
                // the URL without its options: a password may be one of them
                LOG.info("History kept in {} for {} days", url.replaceAll("[;?].*", ""), retention.toDays());
                return true;
            } catch (SQLException e) {
                close(writeConnection);
                close(readConnection);
                if (openFailure == null) {
                    LOG.error("History database {} cannot be opened ({}); rows wait in memory and it is tried again",
                            url.replaceAll("[;?].*", ""), e.getMessage());
                }
                openFailure = e.getMessage();
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                stopping = true;
            }
            if (stopping) {
                if (!queue.isEmpty()) {
                    LOG.warn("{} history rows not written: the database never opened ({})", queue.size(), openFailure);
                }
                return false;
            }
            pause = Math.min(pause * 2, 30_000);
        }
    }

    /** Whether the writer has opened the database. */
    public boolean isOpen() {
        return opened.isDone();
    }

    /** Why the database could not be opened at the last try; null when it could, or no try failed yet. */
    public String openFailure() {
        return openFailure;
    }

    /** Waits for the writer to open the database; false when it is not open within the wait. */
    private boolean awaitOpen() {
        try {
            opened.get(OPEN_WAIT_MS, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The reading connection, once the writer has opened the database. */
    private Connection reading() throws SQLException {
        if (!awaitOpen()) {
            throw new SQLException("the history database is not open" + (openFailure == null ? " yet" : ": " + openFailure));
        }
        return readConnection;
    }

    @Override
    protected void doStop() throws Exception {
        Thread t = writer;
        if (t != null && openFailure == null) {
            // an interrupt while the database opens could leave its files half made
            try {
                opened.get(10, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                LOG.debug("stopping before the history database opened");
            }
        }
        stopping = true;
        if (t != null) {
            t.interrupt();
            t.join(10_000);
        }
        writer = null;
        if (batchWriter != null) {
            batchWriter.close();
            batchWriter = null;
        }
        close(writeConnection);
        synchronized (readLock) {
            close(readConnection);
        }
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url, user, password);
        c.setAutoCommit(true);
        return c;
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("closing the history database: {}", e.getMessage());
            }
        }
    }

    static void createSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS cm_check (monitor VARCHAR(200) NOT NULL, at_ms BIGINT NOT NULL,"
                    + " up BOOLEAN NOT NULL, total_ms DOUBLE PRECISION, failure_class VARCHAR(100),"
                    + " reason VARCHAR(1000), target VARCHAR(2000))");
            s.execute("CREATE INDEX IF NOT EXISTS cm_check_monitor_at ON cm_check (monitor, at_ms)");
            s.execute("CREATE TABLE IF NOT EXISTS cm_probe (monitor VARCHAR(200) NOT NULL, at_ms BIGINT NOT NULL,"
                    + " node VARCHAR(200) NOT NULL, region VARCHAR(200), isp VARCHAR(100), ip VARCHAR(64),"
                    + " status INT, ok BOOLEAN NOT NULL, dns_ms DOUBLE PRECISION, connect_ms DOUBLE PRECISION,"
                    + " tls_ms DOUBLE PRECISION, ttfb_ms DOUBLE PRECISION, download_ms DOUBLE PRECISION,"
                    + " total_ms DOUBLE PRECISION, size_bytes BIGINT, reason VARCHAR(1000))");
            s.execute("CREATE INDEX IF NOT EXISTS cm_probe_monitor_at ON cm_probe (monitor, at_ms)");
            s.execute("CREATE TABLE IF NOT EXISTS cm_alert (monitor VARCHAR(200) NOT NULL, at_ms BIGINT NOT NULL,"
                    + " kind VARCHAR(20) NOT NULL, down_since_ms BIGINT, failure_class VARCHAR(100),"
                    + " reason VARCHAR(1000))");
            s.execute("CREATE INDEX IF NOT EXISTS cm_alert_monitor_at ON cm_alert (monitor, at_ms)");
            // rollups, kept up to date by each write: checks and passes per hour and per UTC day
            s.execute("CREATE TABLE IF NOT EXISTS cm_hourly (monitor VARCHAR(200) NOT NULL, hour_ms BIGINT NOT NULL,"
                    + " checks INT NOT NULL, ups INT NOT NULL, PRIMARY KEY (monitor, hour_ms))");
            s.execute("CREATE INDEX IF NOT EXISTS cm_hourly_hour ON cm_hourly (hour_ms)");
            s.execute("CREATE TABLE IF NOT EXISTS cm_daily (monitor VARCHAR(200) NOT NULL, day_ms BIGINT NOT NULL,"
                    + " checks INT NOT NULL, ups INT NOT NULL, PRIMARY KEY (monitor, day_ms))");
            s.execute("CREATE INDEX IF NOT EXISTS cm_daily_day ON cm_daily (day_ms)");
            s.execute(LatencyRollups.createTable());
            s.execute("CREATE TABLE IF NOT EXISTS cm_kafka_lag (monitor VARCHAR(200) NOT NULL, at_ms BIGINT NOT NULL,"
                    + " grp VARCHAR(250) NOT NULL, topic VARCHAR(250) NOT NULL, lag BIGINT, lag_seconds DOUBLE PRECISION,"
                    + " status VARCHAR(10) NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS cm_kafka_lag_monitor_at ON cm_kafka_lag (monitor, at_ms)");
        }
    }

    /** Each monitor's last check: looked up within its last day of checks, not over every row. */
    private Map<String, Check> loadLatest() throws SQLException {
        // no readLock: readers wait for the open this is part of
        Map<String, Long> lastDays = new LinkedHashMap<>();
        try (Statement s = readConnection.createStatement();
             ResultSet rs = s.executeQuery("SELECT monitor, MAX(day_ms) FROM cm_daily GROUP BY monitor")) {
            while (rs.next()) {
                lastDays.put(rs.getString(1), rs.getLong(2));
            }
        }
        Map<String, Check> read = new LinkedHashMap<>();
        try (PreparedStatement s = readConnection.prepareStatement("SELECT monitor, at_ms, up, total_ms,"
                + " failure_class, reason, target FROM cm_check WHERE monitor = ? AND at_ms >= ?"
                + " ORDER BY at_ms DESC LIMIT 1")) {
            for (Map.Entry<String, Long> e : lastDays.entrySet()) {
                s.setString(1, e.getKey());
                s.setLong(2, e.getValue());
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        read.put(e.getKey(), check(rs));
                    }
                }
            }
        }
        return read;
    }

    /** Which monitors are down: those whose last incident alert within the retention opened one. */
    private Set<String> loadDown() throws SQLException {
        Set<String> open = new HashSet<>();
        try (PreparedStatement s = readConnection.prepareStatement("SELECT monitor, kind FROM cm_alert"
                + " WHERE at_ms >= ? AND kind IN ('DOWN', 'REMINDER', 'RESOLVED') ORDER BY at_ms")) {
            s.setLong(1, System.currentTimeMillis() - retention.toMillis());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(2).equals("RESOLVED")) {
                        open.remove(rs.getString(1));
                    } else {
                        open.add(rs.getString(1));
                    }
                }
            }
        }
        return open;
    }

    /** Takes on the states read from the database, but for what changed in memory while it opened. */
    private void remember(Map<String, Check> lastChecks, Set<String> open) {
        synchronized (forgotten) {
            lastChecks.keySet().removeAll(forgotten);
            // a check recorded while the database was opening is newer
            lastChecks.forEach(latest::putIfAbsent);
            lastChecks.forEach(written::putIfAbsent);
            open.removeAll(forgotten);
            open.removeAll(alertedEarly);
            down.addAll(open);
            forgotten.clear();
            alertedEarly.clear();
            loaded = true;
        }
    }

    // ---- recording: called from the routes, never blocks ------------------------------------

    /** Keeps one check and its probes; the body passes on unchanged. */
    public void record(CheckResult result) {
        if (result == null) {
            return;
        }
        long at = result.at() == null ? System.currentTimeMillis() : result.at().toEpochMilli();
        List<Probe> probes = probes(result, at);
        Double total = null;
        if (!probes.isEmpty()) {
            total = probes.stream().mapToDouble(Probe::totalMs).average().orElse(0);
        } else if (result.detail() instanceof Timed timed) {
            total = timed.totalMs();
        }
        Check check = new Check(result.monitor(), at, result.up(), total, result.failureClass(), result.reason(),
                result.target());
        listener.checked(check, probes);
        // the probes before their check: once the check is written (and shown), so are they
        probes.forEach(this::offer);
        offer(check);
        List<Lag> lags = lags(result, at);
        if (!lags.isEmpty()) {
            listener.lagged(result.monitor(), lags);
            lags.forEach(this::offer);
        }
    }

    /** One row per group and topic of a Kafka lag report. */
    static List<Lag> lags(CheckResult result, long at) {
        List<Lag> rows = new ArrayList<>();
        if (result.detail() instanceof LagReport report) {
            for (LagReport.GroupLag g : report.groups()) {
                for (LagReport.TopicLag t : g.topics()) {
                    rows.add(new Lag(result.monitor(), at, g.group(), t.topic(), t.lag() < 0 ? null : t.lag(),
                            Double.isNaN(t.lagSeconds()) ? null : t.lagSeconds(), t.status().name()));
                }
            }
        }
        return rows;
    }

    /** Keeps one alert event (DOWN, REMINDER, RESOLVED). */
    public void recordAlert(AlertEvent event) {
        if (event == null) {
            return;
        }
        listener.alerted(event);
        offer(new StoredAlert(event.monitor(), event.at().toEpochMilli(), event.kind().name(),
                event.downSince() == null ? null : event.downSince().toEpochMilli(), event.failureClass(),
                event.reason()));
    }

    /**
     * Adds rows directly, for imports and benchmarks; they go through the same queue, and a
     * check or an alert changes the monitor's state in memory as a recorded one does.
     */
    public void offer(Object row) {
        if (row instanceof Check k) {
            latest.merge(k.monitor(), k, HistoryStore::newer);
        } else if (row instanceof StoredAlert a) {
            synchronized (forgotten) {
                if (!loaded) {
                    alertedEarly.add(a.monitor());
                }
            }
            switch (a.kind()) {
                case "DOWN", "REMINDER" -> down.add(a.monitor());
                case "RESOLVED" -> down.remove(a.monitor());
                default -> {
                }
            }
        }
        if (queue.offer(row)) {
            queued.incrementAndGet();
        } else {
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                LOG.warn("History queue full: {} rows dropped so far (the database is too slow)", n);
            }
        }
    }

    private static Check newer(Check old, Check now) {
        return now.atMs() >= old.atMs() ? now : old;
    }

    /**
     * Drops a monitor from what the overview lists (its last check, its open incident), for a
     * monitor removed from the monitor lists; its rows stay in the history until the retention
     * prunes them, and a check recorded later lists it again.
     */
    public void forget(String monitor) {
        synchronized (forgotten) {
            latest.remove(monitor);
            written.remove(monitor);
            down.remove(monitor);
            if (!loaded) {
                forgotten.add(monitor);
            }
        }
    }

    static List<Probe> probes(CheckResult result, long at) {
        List<Probe> rows = new ArrayList<>();
        if (result.detail() instanceof ProbeResult r) {
            rows.add(probe(result.monitor(), at, "local", "", "", r, result.up(), result.reason()));
        } else if (result.detail() instanceof MetricReport m && m.scrape() != null) {
            rows.add(probe(result.monitor(), at, "local", "", "", m.scrape(), result.up(), result.reason()));
        } else if (result.detail() instanceof SpeedReport report) {
            for (SpeedRow row : report.rows()) {
                NodeResult n = row.result();
                String region = (nz(n.node().province()) + nz(n.node().city())).trim();
                rows.add(probe(result.monitor(), at, n.label(), region, nz(n.node().isp()), n.result(), row.ok(),
                        row.ok() ? null : row.reason()));
            }
        }
        return rows;
    }

    private static Probe probe(String monitor, long at, String node, String region, String isp, ProbeResult r,
                               boolean ok, String reason) {
        return new Probe(monitor, at, node, region, isp, r.ip(), r.status(), ok, r.dnsMs(), r.connectMs(), r.tlsMs(),
                r.ttfbMs(), r.downloadMs(), r.totalMs(), r.sizeBytes(), reason);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    // ---- the writer ---------------------------------------------------------------------------

    private void writeLoop() {
        List<Object> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                if (batch.isEmpty()) {
                    Object first = queue.poll(500, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (stopping) {
                            return;
                        }
                        continue;
                    }
                    batch.add(first);
                }
                gather(batch);
            } catch (InterruptedException e) {
                queue.drainTo(batch);
                stopping = true;
            }
            batch.removeIf(row -> row == HURRY);
            if (!batch.isEmpty()) {
                try {
                    batchWriter.write(batch);
                    for (Object row : batch) {
                        if (row instanceof Check k) {
                            written.merge(k.monitor(), k, HistoryStore::newer);
                        }
                    }
                } catch (SQLException | RuntimeException e) {
                    LOG.warn("Could not write {} history rows: {}", batch.size(), e.getMessage());
                }
                handled.addAndGet(batch.size());
            }
            batch.clear();
            if (stopping && queue.isEmpty()) {
                return;
            }
        }
    }

    /** Adds what comes within {@link #LINGER_MS} of the first row, up to a whole batch or a flush. */
    private void gather(List<Object> batch) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MS);
        int seen = 0;
        while (true) {
            for (; seen < batch.size(); seen++) {
                if (batch.get(seen) == HURRY) {
                    return;
                }
            }
            if (batch.size() >= BATCH || stopping) {
                return;
            }
            Object next = queue.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, BATCH - batch.size());
        }
    }

    /** Waits until every row recorded so far has been written, or has failed to be (tests, shutdown). */
    public boolean flush(Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        long target = queued.get();
        // a full queue needs no hurry: a whole batch goes without lingering
        queue.offer(HURRY);
        while (handled.get() < target) {
            if (System.nanoTime() > until) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    // ---- retention ------------------------------------------------------------------------------

    /** Deletes what is older than the retention; returns the rows deleted. Runs beside the writer. */
    public int prune() throws SQLException {
        return prune(System.currentTimeMillis() - retention.toMillis());
    }

    public int prune(long beforeMs) throws SQLException {
        int n = 0;
        synchronized (readLock) {
            // a rollup row goes once its whole period is older than the retention
            for (String sql : List.of("DELETE FROM cm_probe WHERE at_ms < ?", "DELETE FROM cm_check WHERE at_ms < ?",
                    "DELETE FROM cm_alert WHERE at_ms < ?", "DELETE FROM cm_hourly WHERE hour_ms < ?",
                    "DELETE FROM cm_daily WHERE day_ms < ?", "DELETE FROM cm_latency_day WHERE day_ms < ?",
                    "DELETE FROM cm_kafka_lag WHERE at_ms < ?")) {
                try (PreparedStatement s = reading().prepareStatement(sql)) {
                    s.setLong(1, sql.contains("hour_ms") ? Math.floorDiv(beforeMs, HOUR) * HOUR
                            : sql.contains("day_ms") ? Math.floorDiv(beforeMs, DAY) * DAY : beforeMs);
                    n += s.executeUpdate();
                }
            }
        }
        if (n > 0) {
            LOG.info("History: {} rows older than {} pruned", n, Instant.ofEpochMilli(beforeMs));
        }
        return n;
    }

    // ---- reading --------------------------------------------------------------------------------

    /** Each monitor's last check, those of earlier runs included once the database is open. */
    public Map<String, Check> latest() {
        awaitOpen();
        return latest;
    }

    /** Whether the monitor has an incident open: its last DOWN or REMINDER came after its last RESOLVED. */
    public boolean down(String monitor) {
        return down.contains(monitor);
    }

    /** The monitor's last check written to the database; null when none is. */
    Check written(String monitor) {
        return written.get(monitor);
    }

    public long queueDepth() {
        return queue.size();
    }

    public long dropped() {
        return dropped.get();
    }

    public Duration retention() {
        return retention;
    }

    /** checks and ups per hour since {@code fromMs} of the monitors given: monitor -> hour -> {checks, ups}. */
    public Map<String, Map<Long, long[]>> hourly(Collection<String> monitors, long fromMs) throws SQLException {
        return periods("cm_hourly", "hour_ms", monitors, Math.floorDiv(fromMs, HOUR) * HOUR);
    }

    /** checks and ups per UTC day since the day of {@code fromMs}: monitor -> day -> {checks, ups}. */
    public Map<String, Map<Long, long[]>> daily(String monitor, long fromMs) throws SQLException {
        return periods("cm_daily", "day_ms", List.of(monitor), Math.floorDiv(fromMs, DAY) * DAY);
    }

    /**
     * The rollup rows of each monitor given from {@code from}, one lookup per monitor on the
     * primary key with one statement: with {@code monitor IN (...)}, H2 scanned the index on
     * the period instead, every monitor's rows of the period.
     */
    private Map<String, Map<Long, long[]>> periods(String table, String column, Collection<String> monitors,
                                                   long from) throws SQLException {
        Map<String, Map<Long, long[]>> out = new LinkedHashMap<>();
        rows(table, column, monitors, from, Long.MAX_VALUE, (monitor, start, checks, ups) ->
                out.computeIfAbsent(monitor, m -> new LinkedHashMap<>()).put(start, new long[]{checks, ups}));
        return out;
    }

    private interface RollupRow {
        void add(String monitor, long start, long checks, long ups);
    }

    private void rows(String table, String column, Collection<String> monitors, long from, long to, RollupRow row)
            throws SQLException {
        if (monitors.isEmpty() || from >= to) {
            return;
        }
        synchronized (readLock) {
            try (PreparedStatement s = reading().prepareStatement("SELECT " + column + ", checks, ups FROM " + table
                    + " WHERE monitor = ? AND " + column + " >= ? AND " + column + " < ?")) {
                for (String monitor : monitors) {
                    s.setString(1, monitor);
                    s.setLong(2, from);
                    s.setLong(3, to);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            row.add(monitor, rs.getLong(1), rs.getLong(2), rs.getLong(3));
                        }
                    }
                }
            }
        }
    }

    /**
     * Checks and passes since the start of the hour of {@code fromMs}, per monitor of those
     * given: whole days from the daily rollup, the hours before the first of them from the
     * hourly one.
     */
    public Map<String, long[]> uptimeCounts(Collection<String> monitors, long fromMs) throws SQLException {
        long fromHour = Math.floorDiv(fromMs, HOUR) * HOUR;
        long firstDay = Math.floorDiv(fromHour + DAY - 1, DAY) * DAY;
        Map<String, long[]> out = new LinkedHashMap<>();
        RollupRow sum = (monitor, start, checks, ups) -> {
            long[] n = out.computeIfAbsent(monitor, m -> new long[2]);
            n[0] += checks;
            n[1] += ups;
        };
        rows("cm_daily", "day_ms", monitors, firstDay, Long.MAX_VALUE, sum);
        rows("cm_hourly", "hour_ms", monitors, fromHour, firstDay, sum);
        return out;
    }

    /** One monitor's daily latency rollups of the UTC days from {@code fromDay} up to {@code toDay}. */
    public List<LatencyDay> latencyDays(String monitor, long fromDay, long toDay) throws SQLException {
        synchronized (readLock) {
            return LatencyRollups.read(reading(), monitor, fromDay, toDay);
        }
    }

    /** Alert events since {@code fromMs} in time order, for one monitor or all. */
    public List<StoredAlert> alerts(String monitor, long fromMs) throws SQLException {
        String sql = "SELECT monitor, at_ms, kind, down_since_ms, failure_class, reason FROM cm_alert WHERE at_ms >= ?"
                + (monitor == null ? "" : " AND monitor = ?") + " ORDER BY monitor, at_ms";
        List<StoredAlert> out = new ArrayList<>();
        synchronized (readLock) {
            try (PreparedStatement s = reading().prepareStatement(sql)) {
                s.setLong(1, fromMs);
                if (monitor != null) {
                    s.setString(2, monitor);
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        long ds = rs.getLong(4);
                        Long downSince = rs.wasNull() ? null : ds;
                        out.add(new StoredAlert(rs.getString(1), rs.getLong(2), rs.getString(3), downSince,
                                rs.getString(5), rs.getString(6)));
                    }
                }
            }
        }
        return out;
    }

    /** One monitor's probes since {@code fromMs}, in time order. */
    public List<Probe> probes(String monitor, long fromMs) throws SQLException {
        return probes(monitor, fromMs, Long.MAX_VALUE);
    }

    /** One monitor's probes from {@code fromMs} up to, not including, {@code toMs}, in time order. */
    public List<Probe> probes(String monitor, long fromMs, long toMs) throws SQLException {
        return range("SELECT monitor, at_ms, node, region, isp, ip, status, ok, dns_ms, connect_ms, tls_ms, ttfb_ms,"
                + " download_ms, total_ms, size_bytes, reason FROM cm_probe WHERE monitor = ? AND at_ms >= ?"
                + " AND at_ms < ? ORDER BY at_ms", monitor, fromMs, toMs,
                rs -> new Probe(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getInt(7), rs.getBoolean(8), rs.getDouble(9), rs.getDouble(10),
                        rs.getDouble(11), rs.getDouble(12), rs.getDouble(13), rs.getDouble(14), rs.getLong(15),
                        rs.getString(16)));
    }

    /** One monitor's checks since {@code fromMs}, in time order. */
    public List<Check> checks(String monitor, long fromMs) throws SQLException {
        return range("SELECT monitor, at_ms, up, total_ms, failure_class, reason, target FROM cm_check"
                + " WHERE monitor = ? AND at_ms >= ? AND at_ms < ? ORDER BY at_ms", monitor, fromMs, Long.MAX_VALUE,
                HistoryStore::check);
    }

    /** One Kafka lag monitor's rows (per group and topic) since {@code fromMs}, in time order. */
    public List<Lag> lags(String monitor, long fromMs) throws SQLException {
        return range("SELECT monitor, at_ms, grp, topic, lag, lag_seconds, status FROM cm_kafka_lag"
                + " WHERE monitor = ? AND at_ms >= ? AND at_ms < ? ORDER BY at_ms", monitor, fromMs, Long.MAX_VALUE,
                rs -> {
                    long n = rs.getLong(5);
                    Long lag = rs.wasNull() ? null : n;
                    double sec = rs.getDouble(6);
                    Double seconds = rs.wasNull() ? null : sec;
                    return new Lag(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), lag, seconds,
                            rs.getString(7));
                });
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** The rows of a query over one monitor within a time range, read on the reading connection. */
    private <T> List<T> range(String sql, String monitor, long fromMs, long toMs, Row<T> row) throws SQLException {
        List<T> out = new ArrayList<>();
        synchronized (readLock) {
            try (PreparedStatement s = reading().prepareStatement(sql)) {
                s.setString(1, monitor);
                s.setLong(2, fromMs);
                s.setLong(3, toMs);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(row.read(rs));
                    }
                }
            }
        }
        return out;
    }

    /** Rows in each table, for the benchmark and the log. */
    public Map<String, Long> counts() throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        synchronized (readLock) {
            for (String t : List.of("cm_check", "cm_probe", "cm_alert", "cm_hourly", "cm_daily", "cm_latency_day", "cm_kafka_lag")) {
                try (Statement s = reading().createStatement();
                     ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + t)) {
                    rs.next();
                    out.put(t, rs.getLong(1));
                }
            }
        }
        return out;
    }

    private static Check check(ResultSet rs) throws SQLException {
        double total = rs.getDouble(4);
        Double totalMs = rs.wasNull() ? null : total;
        return new Check(rs.getString(1), rs.getLong(2), rs.getBoolean(3), totalMs, rs.getString(5), rs.getString(6),
                rs.getString(7));
    }
}
