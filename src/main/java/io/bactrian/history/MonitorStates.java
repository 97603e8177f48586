package io.bactrian.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.bactrian.history.Stats.StoredAlert;
import io.bactrian.store.Rows;
import io.bactrian.store.Rows.Check;

/**
 * Each monitor's last check and whether it is down (an incident open), kept in memory so the
 * overview of thousands of monitors needs no query to know their states. Read from the
 * database when it opens, kept up to date by each row recorded since.
 */
final class MonitorStates {
    private final Map<String, Check> latest = new ConcurrentHashMap<>();
    /**
     * Each monitor's last check in the database: what its page looks up the probes (or topics)
     * of, as the last check in memory may still wait in the queue.
     */
    private final Map<String, Check> written = new ConcurrentHashMap<>();
    /** Monitors with an incident open: their last DOWN or REMINDER came after their last RESOLVED. */
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    /** When each monitor's last incident opened (DOWN) or closed (RESOLVED): the overview's "last change". */
    private final Map<String, Long> changed = new ConcurrentHashMap<>();
    /**
     * Monitors forgotten while the database opened: the states read from it leave them out.
     * Guards {@link #alertedEarly} and {@link #loaded} too.
     */
    private final Set<String> forgotten = new HashSet<>();
    /** Monitors alerted while the database opened: that alert is newer than what it holds. */
    private final Set<String> alertedEarly = new HashSet<>();
    private boolean loaded;

    /** For a new start: what the database holds is read again when it opens. */
    void restart() {
        synchronized (forgotten) {
            loaded = false;
        }
    }

    /** A check recorded: the monitor's last one, unless a newer one is known. */
    void checked(Check k) {
        latest.merge(k.monitor(), k, MonitorStates::newer);
    }

    /** A check written to the database. */
    void wrote(Check k) {
        written.merge(k.monitor(), k, MonitorStates::newer);
    }

    /** An alert recorded: DOWN and REMINDER open an incident, RESOLVED closes it. */
    void alerted(StoredAlert a) {
        synchronized (forgotten) {
            if (!loaded) {
                alertedEarly.add(a.monitor());
            }
        }
        switch (a.kind()) {
            case "DOWN" -> {
                down.add(a.monitor());
                changed.merge(a.monitor(), a.atMs(), Math::max);
            }
            case "REMINDER" -> down.add(a.monitor());
            case "RESOLVED" -> {
                down.remove(a.monitor());
                changed.merge(a.monitor(), a.atMs(), Math::max);
            }
            default -> {
            }
        }
    }

    /** Drops a monitor's states; a check recorded later lists it again. */
    void forget(String monitor) {
        synchronized (forgotten) {
            latest.remove(monitor);
            written.remove(monitor);
            down.remove(monitor);
            changed.remove(monitor);
            if (!loaded) {
                forgotten.add(monitor);
            }
        }
    }

    Map<String, Check> latest() {
        return latest;
    }

    Check written(String monitor) {
        return written.get(monitor);
    }

    boolean down(String monitor) {
        return down.contains(monitor);
    }

    /** When the monitor's last incident opened or closed; null when none is kept. */
    Long changed(String monitor) {
        return changed.get(monitor);
    }

    /**
     * Takes on the states the database holds, incidents opened since {@code sinceMs} (the
     * retention), but for what changed in memory while it opened.
     */
    void load(Connection c, long sinceMs) throws SQLException {
        Map<String, Check> lastChecks = loadLatest(c);
        Map<String, Long> changes = new HashMap<>();
        Set<String> open = loadDown(c, sinceMs, changes);
        synchronized (forgotten) {
            lastChecks.keySet().removeAll(forgotten);
            // a check recorded while the database was opening is newer
            lastChecks.forEach(latest::putIfAbsent);
            lastChecks.forEach(written::putIfAbsent);
            open.removeAll(forgotten);
            open.removeAll(alertedEarly);
            down.addAll(open);
            changes.keySet().removeAll(forgotten);
            changes.forEach((monitor, at) -> changed.merge(monitor, at, Math::max));
            forgotten.clear();
            alertedEarly.clear();
            loaded = true;
        }
    }

    /** Each monitor's last check: looked up within its last day of checks, not over every row. */
    private static Map<String, Check> loadLatest(Connection c) throws SQLException {
        Map<String, Long> lastDays = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT monitor, MAX(day_ms) FROM cm_daily GROUP BY monitor")) {
            while (rs.next()) {
                lastDays.put(rs.getString(1), rs.getLong(2));
            }
        }
        Map<String, Check> read = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + HistoryQueries.CHECK_COLUMNS
                + " FROM cm_check WHERE monitor = ? AND at_ms >= ? ORDER BY at_ms DESC LIMIT 1")) {
            for (Map.Entry<String, Long> e : lastDays.entrySet()) {
                s.setString(1, e.getKey());
                s.setLong(2, e.getValue());
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        read.put(e.getKey(), HistoryQueries.check(rs));
                    }
                }
            }
        }
        return read;
    }

    /**
     * Which monitors are down: those whose last incident alert since {@code sinceMs} opened one;
     * into {@code changes} when each one's last DOWN or RESOLVED came.
     */
    private static Set<String> loadDown(Connection c, long sinceMs, Map<String, Long> changes) throws SQLException {
        Set<String> open = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT monitor, kind, at_ms FROM cm_alert"
                + " WHERE at_ms >= ? AND kind IN ('DOWN', 'REMINDER', 'RESOLVED') ORDER BY at_ms")) {
            s.setLong(1, sinceMs);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(2).equals("RESOLVED")) {
                        open.remove(rs.getString(1));
                    } else {
                        open.add(rs.getString(1));
                    }
                    if (!rs.getString(2).equals("REMINDER")) {
                        changes.put(rs.getString(1), rs.getLong(3));
                    }
                }
            }
        }
        return open;
    }

    private static Check newer(Check old, Check now) {
        return now.atMs() >= old.atMs() ? now : old;
    }
}
