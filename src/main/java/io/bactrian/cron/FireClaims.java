package io.bactrian.cron;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import io.bactrian.store.Database;
import io.bactrian.store.SqlDialect;
import io.bactrian.store.TableConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code cluster.enabled}, each instance claims a monitor's scheduled fire time in the
 * shared database before running it: the table's key lets one instance have it, so a fire time
 * Quartz hands to two instances still runs once. Quartz can do that to an instance that stalled
 * (a long GC pause) for longer than the check-in limit: the others take it for dead, fire what
 * it had taken, and it fires that too when it wakes.
 */
final class FireClaims implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FireClaims.class);
    /** Quartz fires nothing later than its misfire threshold (a minute): older claims can go. */
    private static final long KEEP_MS = 3_600_000;
    private static final long CLEAN_EVERY_MS = 600_000;
    /** Every fire of this instance waits for its claim: a database that hangs must not stop them all. */
    private static final int QUERY_TIMEOUT_S = 5;

    private final TableConnection connection;
    private long nextCleanUp;

    FireClaims(Database database) {
        connection = new TableConnection(database, "CREATE TABLE IF NOT EXISTS cm_fire (monitor VARCHAR(200) NOT NULL,"
                + " fire_ms BIGINT NOT NULL, instance VARCHAR(200) NOT NULL, PRIMARY KEY (monitor, fire_ms))");
    }

    /**
     * Whether this instance may run the monitor's fire time: true unless another instance has
     * claimed it. When the database does not answer it runs it: a check run twice does less harm
     * than one missed, and the alert state is guarded on its own.
     */
    synchronized boolean claim(String monitor, long fireMs, String instance) {
        try {
            Connection c = connection.get();
            boolean mine;
            // a plain insert that fails on the key: ON CONFLICT is PostgreSQL's, INSERT IGNORE MySQL's
            try (PreparedStatement s = c.prepareStatement("INSERT INTO cm_fire (monitor, fire_ms, instance) VALUES (?, ?, ?)")) {
                s.setQueryTimeout(QUERY_TIMEOUT_S);
                s.setString(1, monitor);
                s.setLong(2, fireMs);
                s.setString(3, instance);
                mine = s.executeUpdate() == 1;
            } catch (SQLException e) {
                if (!SqlDialect.duplicateKey(e)) {
                    throw e;
                }
                mine = false;
            }
            if (!mine) {
                LOG.warn("Fire time {} of {} was already run by {}: not run again", Instant.ofEpochMilli(fireMs), monitor,
                        owner(c, monitor, fireMs));
            }
            cleanUp(c);
            return mine;
        } catch (SQLException e) {
            connection.reset();
            LOG.warn("Could not claim fire time {} of {}: {}; running it", Instant.ofEpochMilli(fireMs), monitor,
                    e.getMessage());
            return true;
        }
    }

    private static String owner(Connection c, String monitor, long fireMs) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT instance FROM cm_fire WHERE monitor = ? AND fire_ms = ?")) {
            s.setQueryTimeout(QUERY_TIMEOUT_S);
            s.setString(1, monitor);
            s.setLong(2, fireMs);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : "another instance";
            }
        }
    }

    private void cleanUp(Connection c) throws SQLException {
        long now = System.currentTimeMillis();
        if (now < nextCleanUp) {
            return;
        }
        nextCleanUp = now + CLEAN_EVERY_MS;
        try (PreparedStatement s = c.prepareStatement("DELETE FROM cm_fire WHERE fire_ms < ?")) {
            s.setQueryTimeout(QUERY_TIMEOUT_S);
            s.setLong(1, now - KEEP_MS);
            s.executeUpdate();
        }
    }

    @Override
    public synchronized void close() {
        connection.close();
    }
}
