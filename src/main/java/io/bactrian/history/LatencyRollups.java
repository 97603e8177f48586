package io.bactrian.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.bactrian.store.Rows;
import io.bactrian.store.Rows.Probe;

/**
 * The daily latency rollup ({@code cm_latency_day}): one row per monitor, node and UTC day
 * with each phase's sum and histogram. The writer adds each batch's probes to the rows of
 * their days, keeping the rows of the current day (and of the day before, for an hour past
 * midnight) in memory so a batch costs one batched update or insert per row it touches and
 * no read; the pages read whole days from here instead of the probes. Its statements are
 * prepared once on the writer's connection.
 */
final class LatencyRollups implements AutoCloseable {
    static final long DAY = 86_400_000L;
    /** How long past its end a day's rows stay in memory, for probes that finish after midnight. */
    static final long GRACE = 3_600_000L;

    private static final String SUMS;
    private static final String HISTOGRAMS;
    private static final String UPDATE;
    private static final String INSERT;
    static {
        StringBuilder sums = new StringBuilder();
        StringBuilder histograms = new StringBuilder();
        StringBuilder update = new StringBuilder("UPDATE cm_latency_day SET samples = ?");
        for (String phase : Rows.PHASES) {
            sums.append(", ").append(phase).append("_sum");
            histograms.append(", ").append(phase).append("_hist");
            update.append(", ").append(phase).append("_sum = ?");
        }
        for (String phase : Rows.PHASES) {
            update.append(", ").append(phase).append("_hist = ?");
        }
        SUMS = sums.toString();
        HISTOGRAMS = histograms.toString();
        UPDATE = update.append(" WHERE monitor = ? AND node = ? AND day_ms = ?").toString();
        INSERT = "INSERT INTO cm_latency_day (samples" + SUMS + HISTOGRAMS + ", monitor, node, day_ms) VALUES (?"
                + ", ?".repeat(2 * Rows.PHASES.length + 3) + ")";
    }

    private final Map<String, LatencyDay> days = new HashMap<>();
    private final PreparedStatement read;
    private final PreparedStatement update;
    private final PreparedStatement insert;

    LatencyRollups(Connection c) throws SQLException {
        read = c.prepareStatement("SELECT samples" + SUMS + HISTOGRAMS
                + " FROM cm_latency_day WHERE monitor = ? AND node = ? AND day_ms = ?");
        update = c.prepareStatement(UPDATE);
        insert = c.prepareStatement(INSERT);
    }

    static String createTable() {
        StringBuilder b = new StringBuilder("CREATE TABLE IF NOT EXISTS cm_latency_day (monitor VARCHAR(200) NOT NULL,"
                + " node VARCHAR(200) NOT NULL, day_ms BIGINT NOT NULL, samples BIGINT NOT NULL");
        for (String phase : Rows.PHASES) {
            b.append(", ").append(phase).append("_sum DOUBLE PRECISION NOT NULL");
        }
        for (String phase : Rows.PHASES) {
            b.append(", ").append(phase).append("_hist VARCHAR NOT NULL");
        }
        return b.append(", PRIMARY KEY (monitor, node, day_ms))").toString();
    }

    /** Adds the probes to their days' rows and writes those rows, in the caller's transaction. */
    void add(List<Probe> probes) throws SQLException {
        Map<String, LatencyDay> touched = new LinkedHashMap<>();
        long newest = Long.MIN_VALUE;
        for (Probe p : probes) {
            if (p.status() <= 0) {
                continue;
            }
            long day = Math.floorDiv(p.atMs(), DAY) * DAY;
            newest = Math.max(newest, p.atMs());
            String key = p.monitor() + '\n' + p.node() + '\n' + day;
            LatencyDay d = days.get(key);
            if (d == null) {
                d = read(p.monitor(), p.node(), day);
                days.put(key, d);
            }
            d.add(p);
            touched.put(key, d);
        }
        save(touched.values());
        if (!touched.isEmpty()) {
            long keepFrom = newest - GRACE - DAY;
            days.values().removeIf(d -> d.dayMs() < keepFrom);
        }
    }

    /** Drops what is held, after a batch that was rolled back: the rows are read again. */
    void forget() {
        days.clear();
    }

    private LatencyDay read(String monitor, String node, long day) throws SQLException {
        LatencyDay d = new LatencyDay(monitor, node, day);
        read.setString(1, monitor);
        read.setString(2, node);
        read.setLong(3, day);
        try (ResultSet rs = read.executeQuery()) {
            if (rs.next()) {
                set(d, rs, 1);
            }
        }
        return d;
    }

    private static void set(LatencyDay d, ResultSet rs, int first) throws SQLException {
        int n = Rows.PHASES.length;
        double[] sums = new double[n];
        String[] histograms = new String[n];
        for (int i = 0; i < n; i++) {
            sums[i] = rs.getDouble(first + 1 + i);
            histograms[i] = rs.getString(first + 1 + n + i);
        }
        d.set(rs.getLong(first), sums, histograms);
    }

    /** Writes the rows: an update of those stored already, an insert of the others, one batch each. */
    private void save(Collection<LatencyDay> rows) throws SQLException {
        int updates = 0;
        int inserts = 0;
        for (LatencyDay d : rows) {
            PreparedStatement s = d.stored() ? update : insert;
            bind(s, d);
            s.addBatch();
            if (d.stored()) {
                updates++;
            } else {
                inserts++;
            }
        }
        if (updates > 0) {
            update.executeBatch();
        }
        if (inserts > 0) {
            insert.executeBatch();
        }
        rows.forEach(LatencyDay::markStored);
    }

    /** Writes rows made elsewhere (the benchmark's generator), none of them stored yet. */
    static void insert(Connection c, Collection<LatencyDay> rows) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            for (LatencyDay d : rows) {
                bind(s, d);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void bind(PreparedStatement s, LatencyDay d) throws SQLException {
        int n = Rows.PHASES.length;
        s.setLong(1, d.samples());
        for (int i = 0; i < n; i++) {
            s.setDouble(2 + i, d.sum(i));
            s.setString(2 + n + i, d.histogram(i).encode());
        }
        s.setString(2 + 2 * n, d.monitor());
        s.setString(3 + 2 * n, d.node());
        s.setLong(4 + 2 * n, d.dayMs());
    }

    @Override
    public void close() {
        for (PreparedStatement s : List.of(read, update, insert)) {
            try {
                s.close();
            } catch (SQLException e) {
                // the connection is closed next
            }
        }
    }

    /** One monitor's rows of the days from {@code fromDay} up to, not including, {@code toDay}. */
    static List<LatencyDay> read(Connection c, String monitor, long fromDay, long toDay) throws SQLException {
        List<LatencyDay> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT node, day_ms, samples" + SUMS + HISTOGRAMS
                + " FROM cm_latency_day WHERE monitor = ? AND day_ms >= ? AND day_ms < ? ORDER BY day_ms, node")) {
            s.setString(1, monitor);
            s.setLong(2, fromDay);
            s.setLong(3, toDay);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    LatencyDay d = new LatencyDay(monitor, rs.getString(1), rs.getLong(2));
                    set(d, rs, 3);
                    out.add(d);
                }
            }
        }
        return out;
    }
}
