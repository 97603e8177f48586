package io.camelmonitor.history;

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

import io.camelmonitor.history.Rows.Probe;

/**
 * The daily latency rollup ({@code cm_latency_day}): one row per monitor, node and UTC day
 * with each phase's sum and histogram. The writer adds each batch's probes to the rows of
 * their days, keeping the rows of the last two days in memory so a batch costs one update
 * per row it touches and no read; the pages read whole days from here instead of the probes.
 */
final class LatencyRollups {
    static final long DAY = 86_400_000L;

    private static final String SUMS;
    private static final String HISTOGRAMS;
    static {
        StringBuilder sums = new StringBuilder();
        StringBuilder histograms = new StringBuilder();
        for (String phase : Rows.PHASES) {
            sums.append(", ").append(phase).append("_sum");
            histograms.append(", ").append(phase).append("_hist");
        }
        SUMS = sums.toString();
        HISTOGRAMS = histograms.toString();
    }

    private final Map<String, LatencyDay> days = new HashMap<>();

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
    void add(Connection c, List<Probe> probes) throws SQLException {
        Map<String, LatencyDay> touched = new LinkedHashMap<>();
        long newest = Long.MIN_VALUE;
        for (Probe p : probes) {
            if (p.status() <= 0) {
                continue;
            }
            long day = Math.floorDiv(p.atMs(), DAY) * DAY;
            newest = Math.max(newest, day);
            String key = p.monitor() + '\n' + p.node() + '\n' + day;
            LatencyDay d = days.get(key);
            if (d == null) {
                d = read(c, p.monitor(), p.node(), day);
                days.put(key, d);
            }
            d.add(p);
            touched.put(key, d);
        }
        save(c, touched.values());
        long keepFrom = newest - DAY;
        days.values().removeIf(d -> d.dayMs() < keepFrom);
    }

    /** Drops what is held, after a batch that was rolled back: the rows are read again. */
    void forget() {
        days.clear();
    }

    private static LatencyDay read(Connection c, String monitor, String node, long day) throws SQLException {
        LatencyDay d = new LatencyDay(monitor, node, day);
        try (PreparedStatement s = c.prepareStatement("SELECT samples" + SUMS + HISTOGRAMS
                + " FROM cm_latency_day WHERE monitor = ? AND node = ? AND day_ms = ?")) {
            s.setString(1, monitor);
            s.setString(2, node);
            s.setLong(3, day);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    set(d, rs, 1);
                }
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

    /** Writes the rows: an update, or an insert for a row not there yet (plain SQL, any database). */
    static void save(Connection c, Collection<LatencyDay> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder update = new StringBuilder("UPDATE cm_latency_day SET samples = ?");
        for (String phase : Rows.PHASES) {
            update.append(", ").append(phase).append("_sum = ?");
        }
        for (String phase : Rows.PHASES) {
            update.append(", ").append(phase).append("_hist = ?");
        }
        update.append(" WHERE monitor = ? AND node = ? AND day_ms = ?");
        String insert = "INSERT INTO cm_latency_day (samples" + SUMS + HISTOGRAMS + ", monitor, node, day_ms) VALUES (?"
                + ", ?".repeat(2 * Rows.PHASES.length + 3) + ")";
        try (PreparedStatement u = c.prepareStatement(update.toString()); PreparedStatement i = c.prepareStatement(insert)) {
            for (LatencyDay d : rows) {
                bind(u, d);
                if (u.executeUpdate() == 0) {
                    bind(i, d);
                    i.executeUpdate();
                }
            }
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
