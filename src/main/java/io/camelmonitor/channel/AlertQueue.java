package io.camelmonitor.channel;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.camelmonitor.alert.AlertEvent;
import io.camelmonitor.cron.InstanceIds;
import io.camelmonitor.history.Database;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts waiting to be sent, one row per alert and channel in table {@code cm_outbox} of
 * the history's database (an H2 file by default, PostgreSQL when configured), written before
 * anything is sent, so a channel outage or a restart, even {@code kill -9}, loses none. A
 * row is {@code queued} until the channel took it, then {@code sent}, or {@code failed} when
 * the service refused it for good; sent and failed rows are kept for the history's retention.
 * <p>
 * Instances sharing the database share the queue: each channel is delivered by one instance
 * at a time, the one holding its lease in {@code cm_outbox_lease}, so every alert goes out
 * once, in the order queued, and another instance takes a channel over when its holder dies.
 */
public class AlertQueue extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(AlertQueue.class);
    /** SQLSTATE of a unique-key violation, in PostgreSQL and H2 alike. */
    private static final String DUPLICATE_KEY = "23505";

    /** A queued alert; {@code event} is null when its row cannot be read back. */
    public record Queued(long id, String channel, Instant queuedAt, String monitor, String kind, AlertEvent event,
                         String problem) {
        /** "DOWN shop", as log lines name it. */
        public String label() {
            return kind + " " + monitor;
        }
    }

    private record Pending(String channel, AlertEvent event, Instant at) {
    }

    private final Database database;
    private final Clock clock;
    private final Duration lease;
    private final Duration retention;
    private final String home;
    /** This instance in the lease table: a restart on the same machine and data folder takes its channels back at once. */
    private String owner;
    /** Alerts raised while the database could not be written; written first when it can. */
    private final Deque<Pending> pending = new ArrayDeque<>();
    private Connection connection;

    /**
     * @param home      this instance's data folder, which names it in the lease table with its host
     * @param lease     how long a channel stays with the instance delivering it after its last poll
     * @param retention how long sent and failed rows are kept
     */
    public AlertQueue(Database database, Path home, Clock clock, Duration lease, Duration retention) {
        this.database = database;
        this.home = home.toAbsolutePath().normalize().toString();
        this.clock = clock;
        this.lease = lease;
        this.retention = retention;
    }

    /** Queues the alert for the channel; the body of the route that calls it stays the alert. */
    public synchronized void add(String channel, AlertEvent event) {
        pending.add(new Pending(channel, event, clock.instant()));
        flush();
    }

    /** Writes what waits in memory; what cannot be written waits for the next try. */
    private void flush() {
        while (!pending.isEmpty()) {
            Pending p = pending.peek();
            try {
                insert(p);
                pending.poll();
            } catch (SQLException e) {
                reset();
                LOG.warn("Alert queue in {} cannot be written ({}); {} alert(s) kept in memory until it can",
                        database, e.getMessage(), pending.size());
                return;
            }
        }
    }

    private void insert(Pending p) throws SQLException {
        try (PreparedStatement s = connection().prepareStatement("INSERT INTO cm_outbox"
                + " (channel, queued_ms, monitor, kind, alert, state, attempts) VALUES (?, ?, ?, ?, ?, 'queued', 0)")) {
            s.setString(1, p.channel());
            s.setLong(2, p.at().toEpochMilli());
            s.setString(3, p.event().monitor());
            s.setString(4, p.event().kind().name());
            s.setString(5, AlertJson.write(p.event()));
            s.executeUpdate();
        }
    }

    /**
     * The channels with alerts waiting that this instance delivers now: it holds or takes
     * each one's lease, which every call renews.
     */
    public synchronized List<String> channelsToDeliver() {
        flush();
        try {
            List<String> channels = new ArrayList<>();
            for (String channel : waitingChannels()) {
                if (lease(channel)) {
                    channels.add(channel);
                }
            }
            return channels;
        } catch (SQLException e) {
            reset();
            LOG.warn("Alert queue in {} cannot be read ({}); delivery resumes when it can", database, e.getMessage());
            return List.of();
        }
    }

    private List<String> waitingChannels() throws SQLException {
        List<String> channels = new ArrayList<>();
        try (Statement s = connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT channel FROM cm_outbox WHERE state = 'queued'")) {
            while (rs.next()) {
                channels.add(rs.getString(1));
            }
        }
        return channels;
    }

    /** Takes or renews the channel's lease: free, expired or already this instance's. */
    private boolean lease(String channel) throws SQLException {
        if (owner == null) {
            owner = cut(InstanceIds.host() + ":" + home, 300);
        }
        long now = clock.millis();
        long until = now + lease.toMillis();
        try (PreparedStatement s = connection().prepareStatement("UPDATE cm_outbox_lease SET owner = ?, until_ms = ?"
                + " WHERE channel = ? AND (owner = ? OR until_ms < ?)")) {
            s.setString(1, owner);
            s.setLong(2, until);
            s.setString(3, channel);
            s.setString(4, owner);
            s.setLong(5, now);
            if (s.executeUpdate() == 1) {
                return true;
            }
        }
        try (PreparedStatement s = connection().prepareStatement(
                "INSERT INTO cm_outbox_lease (channel, owner, until_ms) VALUES (?, ?, ?)")) {
            s.setString(1, channel);
            s.setString(2, owner);
            s.setLong(3, until);
            s.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (DUPLICATE_KEY.equals(e.getSQLState())) {
                return false; // another instance holds it
            }
            throw e;
        }
    }

    /** The channel's queued alerts, oldest first, at most {@code limit}. */
    public synchronized List<Queued> waiting(String channel, int limit) {
        List<Queued> rows = new ArrayList<>();
        try (PreparedStatement s = connection().prepareStatement("SELECT id, queued_ms, monitor, kind, alert"
                + " FROM cm_outbox WHERE channel = ? AND state = 'queued' ORDER BY id")) {
            s.setString(1, channel);
            s.setMaxRows(limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(channel, rs));
                }
            }
        } catch (SQLException e) {
            reset();
            LOG.warn("Alert queue in {} cannot be read ({})", database, e.getMessage());
            return List.of();
        }
        return rows;
    }

    private static Queued row(String channel, ResultSet rs) throws SQLException {
        Instant at = Instant.ofEpochMilli(rs.getLong(2));
        try {
            return new Queued(rs.getLong(1), channel, at, rs.getString(3), rs.getString(4),
                    AlertJson.read(rs.getString(5)), null);
        } catch (IllegalArgumentException e) {
            return new Queued(rs.getLong(1), channel, at, rs.getString(3), rs.getString(4), null,
                    "unreadable queued alert: " + e.getMessage());
        }
    }

    /**
     * Ends the rows of one attempt in one statement: {@code sent} when delivered, {@code failed}
     * when refused for good, so alerts that went out together in one message are all marked or
     * none is. A failed attempt only counts and notes why, the rows stay queued.
     */
    public synchronized void ended(List<Queued> rows, Delivery delivery) throws SQLException {
        String state = switch (delivery.outcome()) {
            case DELIVERED -> "sent";
            case PERMANENT -> "failed";
            case RETRY -> "queued";
        };
        StringBuilder sql = new StringBuilder("UPDATE cm_outbox SET state = ?, attempts = attempts + 1,"
                + " last_error = ?, done_ms = ? WHERE state = 'queued' AND id IN (");
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        try (PreparedStatement s = connection().prepareStatement(sql.append(')').toString())) {
            s.setString(1, state);
            s.setString(2, delivery.reason().isEmpty() ? null : cut(delivery.reason(), 1000));
            if (delivery.outcome() == Delivery.Outcome.RETRY) {
                s.setNull(3, java.sql.Types.BIGINT);
            } else {
                s.setLong(3, clock.millis());
            }
            for (int i = 0; i < rows.size(); i++) {
                s.setLong(4 + i, rows.get(i).id());
            }
            s.executeUpdate();
        } catch (SQLException e) {
            reset();
            throw e;
        }
    }

    /** Alerts per channel in one state (queued, sent, failed). */
    public synchronized Map<String, Integer> count(String state) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (PreparedStatement s = connection().prepareStatement(
                "SELECT channel, COUNT(*) FROM cm_outbox WHERE state = ? GROUP BY channel ORDER BY channel")) {
            s.setString(1, state);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
            }
        } catch (SQLException e) {
            reset();
            LOG.debug("alert queue count: {}", e.getMessage());
        }
        if ("queued".equals(state)) {
            pending.forEach(p -> counts.merge(p.channel(), 1, Integer::sum));
        }
        return counts;
    }

    /** Deletes sent and failed rows older than the retention; queued ones stay however old. */
    public synchronized int prune() throws SQLException {
        try (PreparedStatement s = connection().prepareStatement(
                "DELETE FROM cm_outbox WHERE state <> 'queued' AND done_ms < ?")) {
            s.setLong(1, clock.millis() - retention.toMillis());
            return s.executeUpdate();
        } catch (SQLException e) {
            reset();
            throw e;
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection c = database.connect();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS cm_outbox (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                        + " channel VARCHAR(50) NOT NULL, queued_ms BIGINT NOT NULL, monitor VARCHAR(200) NOT NULL,"
                        + " kind VARCHAR(20) NOT NULL, alert VARCHAR(1000000) NOT NULL, state VARCHAR(10) NOT NULL,"
                        + " attempts INT NOT NULL, last_error VARCHAR(1000), done_ms BIGINT)");
                s.execute("CREATE INDEX IF NOT EXISTS cm_outbox_waiting ON cm_outbox (state, channel, id)");
                s.execute("CREATE TABLE IF NOT EXISTS cm_outbox_lease (channel VARCHAR(50) NOT NULL PRIMARY KEY,"
                        + " owner VARCHAR(300) NOT NULL, until_ms BIGINT NOT NULL)");
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    private void reset() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("closing the alert queue connection: {}", e.getMessage());
            }
        }
    }

    /** Gives up this instance's leases, so another takes its channels over at once. */
    @Override
    protected synchronized void doStop() {
        if (connection != null && owner != null) {
            try (PreparedStatement s = connection.prepareStatement("DELETE FROM cm_outbox_lease WHERE owner = ?")) {
                s.setString(1, owner);
                s.executeUpdate();
            } catch (SQLException e) {
                LOG.debug("releasing the alert queue leases: {}", e.getMessage());
            }
        }
        reset();
        if (!pending.isEmpty()) {
            LOG.warn("{} alert(s) could not be written to the alert queue in {} and are lost", pending.size(), database);
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
