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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.camelmonitor.alert.AlertEvent;
import io.camelmonitor.alert.CheckResult;
import io.camelmonitor.history.Rows.Check;
import io.camelmonitor.history.Rows.Probe;
import io.camelmonitor.history.Stats.StoredAlert;
import io.camelmonitor.metrics.MetricReport;
import io.camelmonitor.node.NodeResult;
import io.camelmonitor.node.SpeedReport;
import io.camelmonitor.node.SpeedRow;
import io.camelmonitor.probe.ProbeResult;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every check, every node's probe and every alert event, in a JDBC database: an H2 file by
 * default, PostgreSQL (or any database speaking the same plain SQL) when a JDBC URL is set.
 *
 * <p>The route steps only put rows on a bounded queue ({@link #record}, {@link #recordAlert});
 * one writer thread inserts them in batches, so a slow database never holds up a probe. When
 * the queue is full a row is dropped and counted, never waited for.
 */
public class HistoryStore extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryStore.class);
    private static final long HOUR = 3_600_000L;
    private static final int BATCH = 1000;

    private final String url;
    private final String user;
    private final String password;
    private final Duration retention;
    private final BlockingQueue<Object> queue;
    private final HistoryListener listener;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final Map<String, Check> latest = new ConcurrentHashMap<>();
    private final Object readLock = new Object();
    private volatile Thread writer;
    private volatile boolean stopping;
    private Connection writeConnection;
    private Connection readConnection;

    /** Receives every row as it is recorded, e.g. the metrics. */
    public interface HistoryListener {
        void checked(Check check, List<Probe> probes);

        void alerted(AlertEvent event);

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
    protected void doStart() throws Exception {
        writeConnection = connect();
        readConnection = connect();
        createSchema(writeConnection);
        loadLatest();
        stopping = false;
        Thread t = new Thread(this::writeLoop, "history-writer");
        t.setDaemon(true);
        writer = t;
        t.start();
        LOG.info("History kept in {} for {} days", url.replaceAll(";.*", ""), retention.toDays());
    }

    @Override
    protected void doStop() throws Exception {
        stopping = true;
        Thread t = writer;
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
            s.execute("CREATE TABLE IF NOT EXISTS cm_hourly (monitor VARCHAR(200) NOT NULL, hour_ms BIGINT NOT NULL,"
                    + " checks INT NOT NULL, ups INT NOT NULL, PRIMARY KEY (monitor, hour_ms))");
        }
    }

    private void loadLatest() throws SQLException {
        String sql = "SELECT c.monitor, c.at_ms, c.up, c.total_ms, c.failure_class, c.reason, c.target FROM cm_check c"
                + " JOIN (SELECT monitor, MAX(at_ms) m FROM cm_check GROUP BY monitor) l"
                + " ON c.monitor = l.monitor AND c.at_ms = l.m";
        synchronized (readLock) {
            try (Statement s = readConnection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    Check c = check(rs);
                    latest.put(c.monitor(), c);
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
        }
        Check check = new Check(result.monitor(), at, result.up(), total, result.failureClass(), result.reason(),
                result.target());
        latest.put(check.monitor(), check);
        listener.checked(check, probes);
        offer(check);
        probes.forEach(this::offer);
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
        if (!queue.offer(row)) {
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
                    write(writeConnection, batch);
                    written.addAndGet(batch.size());
                } catch (SQLException e) {
                    LOG.warn("Could not write {} history rows: {}", batch.size(), e.getMessage());
                }
                batch.clear();
            }
            if (stopping && queue.isEmpty()) {
                return;
            }
        }
    }

    /** Inserts the rows in one transaction, and counts checks per monitor and hour for uptime. */
    static void write(Connection c, List<Object> rows) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement check = c.prepareStatement("INSERT INTO cm_check (monitor, at_ms, up, total_ms,"
                + " failure_class, reason, target) VALUES (?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement probe = c.prepareStatement("INSERT INTO cm_probe (monitor, at_ms, node, region, isp,"
                     + " ip, status, ok, dns_ms, connect_ms, tls_ms, ttfb_ms, download_ms, total_ms, size_bytes, reason)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement alert = c.prepareStatement("INSERT INTO cm_alert (monitor, at_ms, kind, down_since_ms,"
                     + " failure_class, reason) VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement bump = c.prepareStatement("UPDATE cm_hourly SET checks = checks + ?, ups = ups + ?"
                     + " WHERE monitor = ? AND hour_ms = ?");
             PreparedStatement hour = c.prepareStatement("INSERT INTO cm_hourly (monitor, hour_ms, checks, ups)"
                     + " VALUES (?, ?, ?, ?)")) {
            Map<String, int[]> hours = new LinkedHashMap<>();
            int checks = 0;
            int probes = 0;
            int alerts = 0;
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
                    int[] h = hours.computeIfAbsent(k.monitor() + "\n" + (k.atMs() / HOUR * HOUR), x -> new int[2]);
                    h[0]++;
                    h[1] += k.up() ? 1 : 0;
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
            for (Map.Entry<String, int[]> e : hours.entrySet()) {
                String monitor = e.getKey().substring(0, e.getKey().lastIndexOf('\n'));
                long hourMs = Long.parseLong(e.getKey().substring(e.getKey().lastIndexOf('\n') + 1));
                bump.setInt(1, e.getValue()[0]);
                bump.setInt(2, e.getValue()[1]);
                bump.setString(3, monitor);
                bump.setLong(4, hourMs);
                if (bump.executeUpdate() == 0) {
                    hour.setString(1, monitor);
                    hour.setLong(2, hourMs);
                    hour.setInt(3, e.getValue()[0]);
                    hour.setInt(4, e.getValue()[1]);
                    hour.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
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

    /** Waits until every row recorded so far is written (tests, shutdown). */
    public boolean flush(Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        long target = written.get() + queue.size();
        while (System.nanoTime() < until) {
            if (queue.isEmpty() && written.get() >= target) {
                Thread.sleep(20); // the batch taken last may still be committing
                if (queue.isEmpty()) {
                    return true;
                }
            }
            Thread.sleep(10);
        }
        return false;
    }

    // ---- retention ------------------------------------------------------------------------------

    /** Deletes what is older than the retention; returns the rows deleted. Runs beside the writer. */
    public int prune() throws SQLException {
        return prune(System.currentTimeMillis() - retention.toMillis());
    }

    public int prune(long beforeMs) throws SQLException {
        int n = 0;
        synchronized (readLock) {
            for (String sql : List.of("DELETE FROM cm_probe WHERE at_ms < ?", "DELETE FROM cm_check WHERE at_ms < ?",
                    "DELETE FROM cm_alert WHERE at_ms < ?", "DELETE FROM cm_hourly WHERE hour_ms < ?")) {
                try (PreparedStatement s = readConnection.prepareStatement(sql)) {
                    s.setLong(1, sql.contains("hour_ms") ? beforeMs / HOUR * HOUR : beforeMs);
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

    public Map<String, Check> latest() {
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
        String sql = "SELECT monitor, hour_ms, checks, ups FROM cm_hourly WHERE hour_ms >= ?"
                + (monitor == null ? "" : " AND monitor = ?");
        Map<String, Map<Long, long[]>> out = new LinkedHashMap<>();
        synchronized (readLock) {
            try (PreparedStatement s = readConnection.prepareStatement(sql)) {
                s.setLong(1, fromMs / HOUR * HOUR);
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

    /** Alert events since {@code fromMs} in time order, for one monitor or all. */
    public List<StoredAlert> alerts(String monitor, long fromMs) throws SQLException {
        String sql = "SELECT monitor, at_ms, kind, down_since_ms, failure_class, reason FROM cm_alert WHERE at_ms >= ?"
                + (monitor == null ? "" : " AND monitor = ?") + " ORDER BY monitor, at_ms";
        List<StoredAlert> out = new ArrayList<>();
        synchronized (readLock) {
            try (PreparedStatement s = readConnection.prepareStatement(sql)) {
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
        return since("SELECT monitor, at_ms, node, region, isp, ip, status, ok, dns_ms, connect_ms, tls_ms, ttfb_ms,"
                + " download_ms, total_ms, size_bytes, reason FROM cm_probe WHERE monitor = ? AND at_ms >= ?"
                + " ORDER BY at_ms", monitor, fromMs,
                rs -> new Probe(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getInt(7), rs.getBoolean(8), rs.getDouble(9), rs.getDouble(10),
                        rs.getDouble(11), rs.getDouble(12), rs.getDouble(13), rs.getDouble(14), rs.getLong(15),
                        rs.getString(16)));
    }

    /** One monitor's checks since {@code fromMs}, in time order. */
    public List<Check> checks(String monitor, long fromMs) throws SQLException {
        return since("SELECT monitor, at_ms, up, total_ms, failure_class, reason, target FROM cm_check"
                + " WHERE monitor = ? AND at_ms >= ? ORDER BY at_ms", monitor, fromMs, HistoryStore::check);
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** The rows of a query over one monitor since a time, read on the reading connection. */
    private <T> List<T> since(String sql, String monitor, long fromMs, Row<T> row) throws SQLException {
        List<T> out = new ArrayList<>();
        synchronized (readLock) {
            try (PreparedStatement s = readConnection.prepareStatement(sql)) {
                s.setString(1, monitor);
                s.setLong(2, fromMs);
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
            for (String t : List.of("cm_check", "cm_probe", "cm_alert", "cm_hourly")) {
                try (Statement s = readConnection.createStatement();
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
