package io.camelmonitor.history;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * one writer thread inserts them in batches, so a slow database never holds up a probe. When
 * the queue is full a row is dropped and counted, never waited for.
 *
 * <p>The writer thread also opens the database, so start-up and the first probes do not wait
 * for it: rows queue until it is open, and readers wait for it.
 */
public class HistoryStore extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryStore.class);
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final int BATCH = 1000;
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
    private final Object readLock = new Object();
    private volatile Thread writer;
    private volatile boolean stopping;
    /** Done when the writer has opened the database; readers wait for it. */
    private volatile CompletableFuture<Void> opened = new CompletableFuture<>();
    private volatile String openFailure;
    private Connection writeConnection;
    private Connection readConnection;
    private final LatencyRollups rollups = new LatencyRollups();

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

    /** The default database: an H2 file in the data folder. */
    public static String h2Url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("history").resolve("history")
                .toString().replace('\\', '/') + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    @Override
    protected void doStart() {
        stopping = false;
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
                loadLatest();
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
    private void loadLatest() throws SQLException {
        // no readLock: readers wait for the open this is part of
        Map<String, Long> lastDays = new LinkedHashMap<>();
        try (Statement s = readConnection.createStatement();
             ResultSet rs = s.executeQuery("SELECT monitor, MAX(day_ms) FROM cm_daily GROUP BY monitor")) {
            while (rs.next()) {
                lastDays.put(rs.getString(1), rs.getLong(2));
            }
        }
        try (PreparedStatement s = readConnection.prepareStatement("SELECT monitor, at_ms, up, total_ms,"
                + " failure_class, reason, target FROM cm_check WHERE monitor = ? AND at_ms >= ?"
                + " ORDER BY at_ms DESC LIMIT 1")) {
            for (Map.Entry<String, Long> e : lastDays.entrySet()) {
                s.setString(1, e.getKey());
                s.setLong(2, e.getValue());
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        // a check recorded while the database was opening is newer
                        latest.putIfAbsent(e.getKey(), check(rs));
                    }
                }
            }
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
        latest.put(check.monitor(), check);
        listener.checked(check, probes);
        offer(check);
        probes.forEach(this::offer);
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

    /** Adds rows directly, for imports and benchmarks; they go through the same queue. */
    public void offer(Object row) {
        if (queue.offer(row)) {
            queued.incrementAndGet();
        } else {
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                LOG.warn("History queue full: {} rows dropped so far (the database is too slow)", n);
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
                queue.drainTo(batch, BATCH - batch.size());
            } catch (InterruptedException e) {
                queue.drainTo(batch);
                stopping = true;
            }
            if (!batch.isEmpty()) {
                try {
                    write(writeConnection, batch, rollups);
                } catch (SQLException e) {
                    rollups.forget();
                    LOG.warn("Could not write {} history rows: {}", batch.size(), e.getMessage());
                }
                handled.addAndGet(batch.size());
                batch.clear();
            }
            if (stopping && queue.isEmpty()) {
                return;
            }
        }
    }

    /**
     * Inserts the rows in one transaction with the rollups they change: checks per monitor and
     * hour and day for uptime, latencies per monitor, node and day for percentiles.
     */
    static void write(Connection c, List<Object> rows, LatencyRollups rollups) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement check = c.prepareStatement("INSERT INTO cm_check (monitor, at_ms, up, total_ms,"
                + " failure_class, reason, target) VALUES (?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement probe = c.prepareStatement("INSERT INTO cm_probe (monitor, at_ms, node, region, isp,"
                     + " ip, status, ok, dns_ms, connect_ms, tls_ms, ttfb_ms, download_ms, total_ms, size_bytes, reason)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement alert = c.prepareStatement("INSERT INTO cm_alert (monitor, at_ms, kind, down_since_ms,"
                     + " failure_class, reason) VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement lag = c.prepareStatement("INSERT INTO cm_kafka_lag (monitor, at_ms, grp, topic, lag,"
                     + " lag_seconds, status) VALUES (?, ?, ?, ?, ?, ?, ?)")
             ) {
            Map<String, int[]> hours = new LinkedHashMap<>();
            Map<String, int[]> days = new LinkedHashMap<>();
            List<Probe> answered = new ArrayList<>();
            int checks = 0;
            int probes = 0;
            int alerts = 0;
            int lags = 0;
            for (Object row : rows) {
                if (row instanceof Check k) {
                    check.setString(1, k.monitor());
                    check.setLong(2, k.atMs());
                    check.setBoolean(3, k.up());
                    setDouble(check, 4, k.totalMs());
                    check.setString(5, cut(k.failureClass(), 100));
                    check.setString(6, cut(k.reason(), 1000));
                    check.setString(7, cut(k.target(), 2000));
                    check.addBatch();
                    checks++;
                    count(hours, k, HOUR);
                    count(days, k, DAY);
                } else if (row instanceof Probe p) {
                    probe.setString(1, p.monitor());
                    probe.setLong(2, p.atMs());
                    probe.setString(3, cut(p.node(), 200));
                    probe.setString(4, cut(p.region(), 200));
                    probe.setString(5, cut(p.isp(), 100));
                    probe.setString(6, cut(p.ip(), 64));
                    probe.setInt(7, p.status());
                    probe.setBoolean(8, p.ok());
                    probe.setDouble(9, p.dnsMs());
                    probe.setDouble(10, p.connectMs());
                    probe.setDouble(11, p.tlsMs());
                    probe.setDouble(12, p.ttfbMs());
                    probe.setDouble(13, p.downloadMs());
                    probe.setDouble(14, p.totalMs());
                    probe.setLong(15, p.sizeBytes());
                    probe.setString(16, cut(p.reason(), 1000));
                    probe.addBatch();
                    probes++;
                    answered.add(p);
                } else if (row instanceof StoredAlert a) {
                    alert.setString(1, a.monitor());
                    alert.setLong(2, a.atMs());
                    alert.setString(3, a.kind());
                    if (a.downSinceMs() == null) {
                        alert.setNull(4, Types.BIGINT);
                    } else {
                        alert.setLong(4, a.downSinceMs());
                    }
                    alert.setString(5, cut(a.failureClass(), 100));
                    alert.setString(6, cut(a.reason(), 1000));
                    alert.addBatch();
                    alerts++;
                } else if (row instanceof Lag l) {
                    lag.setString(1, l.monitor());
                    lag.setLong(2, l.atMs());
                    lag.setString(3, cut(l.group(), 250));
                    lag.setString(4, cut(l.topic(), 250));
                    if (l.lag() == null) {
                        lag.setNull(5, Types.BIGINT);
                    } else {
                        lag.setLong(5, l.lag());
                    }
                    setDouble(lag, 6, l.lagSeconds());
                    lag.setString(7, l.status());
                    lag.addBatch();
                    lags++;
                }
            }
            if (checks > 0) {
                check.executeBatch();
            }
            if (probes > 0) {
                probe.executeBatch();
            }
            if (alerts > 0) {
                alert.executeBatch();
            }
            if (lags > 0) {
                lag.executeBatch();
            }
            bump(c, "cm_hourly", "hour_ms", hours);
            bump(c, "cm_daily", "day_ms", days);
            rollups.add(c, answered);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    static void count(Map<String, int[]> periods, Check k, long period) {
        int[] n = periods.computeIfAbsent(k.monitor() + "\n" + Math.floorDiv(k.atMs(), period) * period,
                x -> new int[2]);
        n[0]++;
        n[1] += k.up() ? 1 : 0;
    }

    /** Adds checks and passes to a rollup's rows (monitor newline period start -> counts). */
    static void bump(Connection c, String table, String column, Map<String, int[]> periods)
            throws SQLException {
        if (periods.isEmpty()) {
            return;
        }
        try (PreparedStatement bump = c.prepareStatement("UPDATE " + table + " SET checks = checks + ?, ups = ups + ?"
                + " WHERE monitor = ? AND " + column + " = ?");
             PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (checks, ups, monitor, "
                     + column + ") VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<String, int[]> e : periods.entrySet()) {
                int nl = e.getKey().lastIndexOf('\n');
                for (PreparedStatement s : List.of(bump, insert)) {
                    s.setInt(1, e.getValue()[0]);
                    s.setInt(2, e.getValue()[1]);
                    s.setString(3, e.getKey().substring(0, nl));
                    s.setLong(4, Long.parseLong(e.getKey().substring(nl + 1)));
                }
                if (bump.executeUpdate() == 0) {
                    insert.executeUpdate();
                }
            }
        }
    }

    private static void setDouble(PreparedStatement s, int i, Double v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.DOUBLE);
        } else {
            s.setDouble(i, v);
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** Waits until every row recorded so far has been written, or has failed to be (tests, shutdown). */
    public boolean flush(Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        long target = queued.get();
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

    public long queueDepth() {
        return queue.size();
    }

    public long dropped() {
        return dropped.get();
    }

    public Duration retention() {
        return retention;
    }

    /** checks and ups per hour since {@code fromMs}, per monitor: monitor -> hour -> {checks, ups}. */
    public Map<String, Map<Long, long[]>> hourly(String monitor, long fromMs) throws SQLException {
        return periods("cm_hourly", "hour_ms", monitor, Math.floorDiv(fromMs, HOUR) * HOUR);
    }

    /** checks and ups per UTC day since the day of {@code fromMs}: monitor -> day -> {checks, ups}. */
    public Map<String, Map<Long, long[]>> daily(String monitor, long fromMs) throws SQLException {
        return periods("cm_daily", "day_ms", monitor, Math.floorDiv(fromMs, DAY) * DAY);
    }

    private Map<String, Map<Long, long[]>> periods(String table, String column, String monitor, long from)
            throws SQLException {
        String sql = "SELECT monitor, " + column + ", checks, ups FROM " + table + " WHERE " + column + " >= ?"
                + (monitor == null ? "" : " AND monitor = ?");
        Map<String, Map<Long, long[]>> out = new LinkedHashMap<>();
        synchronized (readLock) {
            try (PreparedStatement s = reading().prepareStatement(sql)) {
                s.setLong(1, from);
                if (monitor != null) {
                    s.setString(2, monitor);
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getString(1), m -> new LinkedHashMap<>())
                                .put(rs.getLong(2), new long[]{rs.getLong(3), rs.getLong(4)});
                    }
                }
            }
        }
        return out;
    }

    /**
     * Checks and passes since the start of the hour of {@code fromMs}, per monitor (one or all):
     * whole days from the daily rollup, the hours before the first of them from the hourly one.
     */
    public Map<String, long[]> uptimeCounts(String monitor, long fromMs) throws SQLException {
        long fromHour = Math.floorDiv(fromMs, HOUR) * HOUR;
        long firstDay = Math.floorDiv(fromHour + DAY - 1, DAY) * DAY;
        String filter = monitor == null ? "" : " AND monitor = ?";
        Map<String, long[]> out = new LinkedHashMap<>();
        synchronized (readLock) {
            sum(out, "SELECT monitor, SUM(checks), SUM(ups) FROM cm_daily WHERE day_ms >= ? AND day_ms < ?" + filter
                    + " GROUP BY monitor", firstDay, Long.MAX_VALUE, monitor);
            sum(out, "SELECT monitor, SUM(checks), SUM(ups) FROM cm_hourly WHERE hour_ms >= ? AND hour_ms < ?" + filter
                    + " GROUP BY monitor", fromHour, firstDay, monitor);
        }
        return out;
    }

    private void sum(Map<String, long[]> out, String sql, long from, long to, String monitor) throws SQLException {
        if (from >= to) {
            return;
        }
        try (PreparedStatement s = reading().prepareStatement(sql)) {
            s.setLong(1, from);
            s.setLong(2, to);
            if (monitor != null) {
                s.setString(3, monitor);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long[] n = out.computeIfAbsent(rs.getString(1), m -> new long[2]);
                    n[0] += rs.getLong(2);
                    n[1] += rs.getLong(3);
                }
            }
        }
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
