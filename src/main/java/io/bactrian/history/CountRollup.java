package io.bactrian.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.bactrian.store.Rows;
import io.bactrian.store.Rows.Check;

/**
 * The checks and passes of one rollup table ({@code cm_hourly}, {@code cm_daily}): one
 * batch of updates adding to the rows there, one batch of inserts for those that were not
 * (plain SQL, any database).
 */
final class CountRollup implements AutoCloseable {
    /** A count of checks and passes per monitor and period. */
    record Period(String monitor, long startMs) {
    }

    /** Checks and passes per monitor and period of {@code periodMs}, in the order first seen. */
    static Map<Period, int[]> count(List<Check> checks, long periodMs) {
        Map<Period, int[]> out = new LinkedHashMap<>();
        for (Check k : checks) {
            int[] n = out.computeIfAbsent(new Period(k.monitor(), Math.floorDiv(k.atMs(), periodMs) * periodMs),
                    x -> new int[2]);
            n[0]++;
            n[1] += k.up() ? 1 : 0;
        }
        return out;
    }

    private final long periodMs;
    private final PreparedStatement update;
    private final PreparedStatement insert;

    CountRollup(Connection c, String table, String column, long periodMs) throws SQLException {
        this.periodMs = periodMs;
        update = c.prepareStatement("UPDATE " + table + " SET checks = checks + ?, ups = ups + ?"
                + " WHERE monitor = ? AND " + column + " = ?");
        insert = c.prepareStatement("INSERT INTO " + table + " (checks, ups, monitor, " + column
                + ") VALUES (?, ?, ?, ?)");
    }

    void add(List<Check> checks) throws SQLException {
        add(count(checks, periodMs));
    }

    void add(Map<Period, int[]> periods) throws SQLException {
        if (periods.isEmpty()) {
            return;
        }
        List<Map.Entry<Period, int[]>> entries = new ArrayList<>(periods.entrySet());
        for (Map.Entry<Period, int[]> e : entries) {
            bind(update, e);
            update.addBatch();
        }
        int[] updated = update.executeBatch();
        int missing = 0;
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 0) {
                bind(insert, entries.get(i));
                insert.addBatch();
                missing++;
            }
        }
        if (missing > 0) {
            insert.executeBatch();
        }
    }

    private static void bind(PreparedStatement s, Map.Entry<Period, int[]> e) throws SQLException {
        s.setInt(1, e.getValue()[0]);
        s.setInt(2, e.getValue()[1]);
        s.setString(3, e.getKey().monitor());
        s.setLong(4, e.getKey().startMs());
    }

    @Override
    public void close() {
        try {
            update.close();
            insert.close();
        } catch (SQLException e) {
            // the connection is closed next
        }
    }
}
