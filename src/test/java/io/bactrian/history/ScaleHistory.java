package io.bactrian.history;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Locale;
import java.util.Random;

import io.bactrian.history.Stats.StoredAlert;

/**
 * The history of many monitors as the status page's overview reads it, quick to make on H2 and
 * PostgreSQL alike: 30 days of day rollups and the last {@code hourlyDays} of hour rollups per
 * monitor, the last {@code minutes} of
 * one-minute checks and probes (so each monitor has a last check to load at start), all as
 * plain batched inserts, 1 % of the monitors down now (an open incident), 0.5 % failing
 * (the last check failed, no incident yet), 5 % with an incident resolved in the month.
 * Run by bench/status-page.sh: {@code ScaleHistory <jdbc-url> <user> <monitors> <minutes> <hourlyDays>}.
 */
public final class ScaleHistory {
    static final long MINUTE = 60_000L;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;
    static final String REASON = "HTTP 503 (expected 200)";

    private ScaleHistory() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        int monitors = Integer.parseInt(args[2]);
        int minutes = Integer.parseInt(args[3]);
        int hourlyDays = Integer.parseInt(args.length > 4 ? args[4] : "30");
        long now = System.currentTimeMillis() / MINUTE * MINUTE;
        long t0 = System.nanoTime();
        long rows;
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            HistorySchema.create(c);
            rows = rollups(c, monitors, now, hourlyDays);
            rows += recent(c, monitors, minutes, now);
            try (Statement s = c.createStatement()) {
                if (url.startsWith("jdbc:postgresql:")) {
                    s.execute("ANALYZE");
                }
            }
        }
        System.out.printf(Locale.ROOT, "generated %d monitors: %,d rows in %.0f s%n", monitors, rows,
                (System.nanoTime() - t0) / 1e9);
    }

    static String id(int m) {
        return String.format(Locale.ROOT, "site-%05d", m);
    }

    static boolean downNow(int m) {
        return m % 100 == 42;
    }

    static boolean failingNow(int m) {
        return m % 200 == 17;
    }

    /**
     * 30 days of daily counts up to the hour of {@code until} (an hour of 60 checks), and the
     * hourly counts of the last {@code hourlyDays} of them.
     */
    private static long rollups(Connection c, int monitors, long until, int hourlyDays) throws Exception {
        long rows = 0;
        long lastHour = until / HOUR * HOUR;
        long firstHour = lastHour - 30 * DAY;
        long firstHourly = lastHour - hourlyDays * DAY;
        c.setAutoCommit(false);
        try (PreparedStatement hourly = c.prepareStatement(
                "INSERT INTO cm_hourly (monitor, hour_ms, checks, ups) VALUES (?, ?, 60, ?)");
             PreparedStatement daily = c.prepareStatement(
                     "INSERT INTO cm_daily (monitor, day_ms, checks, ups) VALUES (?, ?, ?, ?)")) {
            for (int m = 0; m < monitors; m++) {
                Random random = new Random(m);
                long incident = m % 20 == 3 ? firstHour + random.nextInt(29 * 24) * HOUR : -1;
                long day = -1;
                int dayChecks = 0;
                int dayUps = 0;
                for (long h = firstHour; h <= lastHour; h += HOUR) {
                    int ups = h == incident ? 60 - random.nextInt(60) : 60;
                    if (h >= firstHourly) {
                        hourly.setString(1, id(m));
                        hourly.setLong(2, h);
                        hourly.setInt(3, ups);
                        hourly.addBatch();
                        rows++;
                    }
                    long d = h / DAY * DAY;
                    if (d != day) {
                        rows += day(daily, m, day, dayChecks, dayUps);
                        day = d;
                        dayChecks = 0;
                        dayUps = 0;
                    }
                    dayChecks += 60;
                    dayUps += ups;
                }
                rows += day(daily, m, day, dayChecks, dayUps);
                if (m % 50 == 49) {
                    hourly.executeBatch();
                    daily.executeBatch();
                    c.commit();
                }
                if (m % 2000 == 1999) {
                    System.out.printf(Locale.ROOT, "  rollups of %d monitors%n", m + 1);
                }
            }
            hourly.executeBatch();
            daily.executeBatch();
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
        return rows;
    }

    private static int day(PreparedStatement daily, int m, long day, int checks, int ups) throws Exception {
        if (day < 0) {
            return 0;
        }
        daily.setString(1, id(m));
        daily.setLong(2, day);
        daily.setInt(3, checks);
        daily.setInt(4, ups);
        daily.addBatch();
        return 1;
    }

    /** The last minutes of checks, probes and alerts, inserted as they are (their counts are in the rollups). */
    private static long recent(Connection c, int monitors, int minutes, long now) throws Exception {
        long rows = 0;
        c.setAutoCommit(false);
        try (PreparedStatement check = c.prepareStatement("INSERT INTO cm_check (monitor, at_ms, up, total_ms,"
                + " failure_class, reason, target) VALUES (?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement probe = c.prepareStatement("INSERT INTO cm_probe (monitor, at_ms, node, status, ok,"
                     + " dns_ms, connect_ms, tls_ms, ttfb_ms, download_ms, total_ms, size_bytes, reason)"
                     + " VALUES (?, ?, 'local', ?, ?, 1, ?, ?, ?, 0.5, ?, 5120, ?)");
             PreparedStatement alert = c.prepareStatement("INSERT INTO cm_alert (monitor, at_ms, kind, down_since_ms,"
                     + " failure_class, reason) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int i = minutes - 1; i >= 0; i--) {
                long at = now - i * MINUTE;
                for (int m = 0; m < monitors; m++) {
                    String id = id(m);
                    boolean up = !((downNow(m) && i < 10) || (failingNow(m) && i == 0));
                    double total = 20 + (m % 150) + (i % 7);
                    long t = at + m % 60 * 1000;
                    check.setString(1, id);
                    check.setLong(2, t);
                    check.setBoolean(3, up);
                    check.setDouble(4, total);
                    check.setString(5, up ? null : "unexpected status");
                    check.setString(6, up ? null : REASON);
                    check.setString(7, "https://" + id + ".example.com/health");
                    check.addBatch();
                    probe.setString(1, id);
                    probe.setLong(2, t);
                    probe.setInt(3, up ? 200 : 503);
                    probe.setBoolean(4, up);
                    probe.setDouble(5, total / 6);
                    probe.setDouble(6, total / 3);
                    probe.setDouble(7, total / 2 - 1);
                    probe.setDouble(8, total);
                    probe.setString(9, up ? null : REASON);
                    probe.addBatch();
                    rows += 2;
                    if (downNow(m) && i == Math.min(7, minutes - 1)) {
                        alert(alert, new StoredAlert(id, at, "DOWN", at - 3 * MINUTE, "unexpected status", REASON));
                        rows++;
                    }
                    if (m % 20 == 3 && i == minutes - 1) {
                        long since = now - 10 * DAY - 3 * MINUTE;
                        alert(alert, new StoredAlert(id, now - 10 * DAY, "DOWN", since, "timeout", "read timed out"));
                        alert(alert, new StoredAlert(id, now - 10 * DAY + HOUR, "RESOLVED", since, "timeout",
                                "read timed out"));
                        rows += 2;
                    }
                }
                check.executeBatch();
                probe.executeBatch();
                alert.executeBatch();
                c.commit();
            }
        } finally {
            c.setAutoCommit(true);
        }
        return rows;
    }

    private static void alert(PreparedStatement s, StoredAlert a) throws Exception {
        s.setString(1, a.monitor());
        s.setLong(2, a.atMs());
        s.setString(3, a.kind());
        s.setLong(4, a.downSinceMs());
        s.setString(5, a.failureClass());
        s.setString(6, a.reason());
        s.addBatch();
    }
}
