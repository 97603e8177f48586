package io.bactrian.alert;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.bactrian.core.CheckResult;
import io.bactrian.store.Database;
import io.bactrian.store.SqlDialect;
import io.bactrian.store.TableConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert state of every monitor, one row per monitor in the database
 * ({@code cm_alert_state}), so a restart (or a route reload) neither announces an incident
 * twice nor forgets one, and instances sharing the database share it. Each check is applied
 * as a compare-and-set on the row's version: when another instance changed the state in the
 * meantime, the check is applied again to its state, so one incident gives one DOWN however
 * many instances run.
 */
public class AlertBook implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertBook.class);

    /**
     * Connections, each used by one thread at a time; a monitor always takes the same one. One
     * connection for all made every check of an instance wait for the one before it: two round
     * trips to the database each, so a few hundred checks a second queued up behind them.
     */
    private static final int CONNECTIONS = 8;

    private final Database database;
    /** The state last read or written per monitor: what is decided on while the database is unreachable. */
    private final Map<String, AlertState> lastKnown = new ConcurrentHashMap<>();
    private final TableConnection[] connections = new TableConnection[CONNECTIONS];

    private record Stored(AlertState state, long version, String json) {
    }

    public AlertBook(Database database) {
        this.database = database;
        for (int i = 0; i < CONNECTIONS; i++) {
            connections[i] = new TableConnection(database, "CREATE TABLE IF NOT EXISTS cm_alert_state"
                    + " (monitor VARCHAR(200) NOT NULL PRIMARY KEY, version BIGINT NOT NULL, state VARCHAR(100000) NOT NULL)");
        }
    }

    /** The monitor's connection; its owner synchronizes on it. */
    private TableConnection connectionOf(String monitor) {
        return connections[Math.floorMod(monitor.hashCode(), CONNECTIONS)];
    }

    /** Applies one check to the monitor's stored state, saves the new state, returns the notice due. */
    public Optional<AlertEvent> record(AlertRule rule, CheckResult result) {
        TableConnection connection = connectionOf(result.monitor());
        synchronized (connection) {
            try {
                return apply(connection, rule, result);
            } catch (SQLException first) {
                connection.reset(); // the connection may have died with a database restart: one more try on a new one
                try {
                    return apply(connection, rule, result);
                } catch (SQLException e) {
                    connection.reset();
                    LOG.warn("Alert state of monitor '{}' could not be read or saved in {} ({}); deciding on the state "
                            + "this instance saw last, not saved", result.monitor(), database, e.getMessage());
                    return rule.apply(lastKnown.computeIfAbsent(result.monitor(), m -> new AlertState()), result);
                }
            }
        }
    }

    /** The stored state of a monitor, if it has one. */
    public Optional<AlertState> state(String monitor) throws SQLException {
        TableConnection connection = connectionOf(monitor);
        synchronized (connection) {
            Stored stored = read(connection.get(), monitor);
            return Optional.ofNullable(stored == null ? null : stored.state());
        }
    }

    /** The monitors whose incident is open (status DOWN) and their state, by id. */
    public Map<String, AlertState> down() throws SQLException {
        Map<String, AlertState> down = new java.util.TreeMap<>();
        TableConnection connection = connections[0];
        synchronized (connection) {
            try (PreparedStatement s = connection.get().prepareStatement("SELECT monitor, state FROM cm_alert_state");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    AlertState state = parse(rs.getString(1), rs.getString(2));
                    if (state.status == AlertState.Status.DOWN) {
                        down.put(rs.getString(1), state);
                    }
                }
            } catch (SQLException e) {
                connection.reset();
                throw e;
            }
        }
        return down;
    }

    /**
     * Ends the monitor's open incident by hand: its state is UP again, so the next failures open
     * a new one. The state it had, or empty when it was not DOWN.
     */
    public Optional<AlertState> end(String monitor) throws SQLException {
        return changeIncident(monitor, open -> new AlertState()).map(Changed::before);
    }

    /**
     * Silences the monitor's open incident, or with null lifts its silence: its state after, or
     * empty when it was not DOWN.
     */
    public Optional<AlertState> silence(String monitor, Silence silence) throws SQLException {
        return changeIncident(monitor, open -> {
            open.silence = silence;
            return open;
        }).map(Changed::after);
    }

    private record Changed(AlertState before, AlertState after) {
    }

    /** Changes an open incident's state by hand, as a compare-and-set like a check's; empty when it was not DOWN. */
    private Optional<Changed> changeIncident(String monitor, UnaryOperator<AlertState> change) throws SQLException {
        TableConnection connection = connectionOf(monitor);
        synchronized (connection) {
            try {
                while (true) {
                    Stored stored = read(connection.get(), monitor);
                    if (stored == null || stored.state().status != AlertState.Status.DOWN) {
                        return Optional.empty();
                    }
                    AlertState after = change.apply(parse(monitor, stored.json()));
                    if (update(connection.get(), monitor, stored.version(), json(after))) {
                        lastKnown.put(monitor, after);
                        return Optional.of(new Changed(stored.state(), after));
                    }
                    // a check of another instance changed it meanwhile: look again
                }
            } catch (SQLException e) {
                connection.reset();
                throw e;
            }
        }
    }

    private Optional<AlertEvent> apply(TableConnection connection, AlertRule rule, CheckResult result)
            throws SQLException {
        Connection c = connection.get();
        String monitor = result.monitor();
        while (true) {
            Stored stored = read(c, monitor);
            AlertState state = stored == null ? new AlertState() : stored.state();
            Optional<AlertEvent> event = rule.apply(state, result);
            String json = json(state);
            if (stored != null && json.equals(stored.json())) {
                lastKnown.put(monitor, state);
                return event; // a check that changed nothing (an up monitor staying up) writes nothing
            }
            if (stored == null ? insert(c, monitor, json) : update(c, monitor, stored.version(), json)) {
                lastKnown.put(monitor, state);
                return event;
            }
            // another instance saved a newer state first: apply this check to that one
        }
    }

    private static Stored read(Connection c, String monitor) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT state, version FROM cm_alert_state WHERE monitor = ?")) {
            s.setString(1, monitor);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new Stored(parse(monitor, rs.getString(1)), rs.getLong(2), rs.getString(1)) : null;
            }
        }
    }

    private static boolean insert(Connection c, String monitor, String state) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO cm_alert_state (monitor, version, state) VALUES (?, 1, ?)")) {
            s.setString(1, monitor);
            s.setString(2, state);
            s.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (SqlDialect.duplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean update(Connection c, String monitor, long version, String state) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE cm_alert_state SET state = ?, version = version + 1 WHERE monitor = ? AND version = ?")) {
            s.setString(1, state);
            s.setString(2, monitor);
            s.setLong(3, version);
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Moves the JSON files of earlier versions ({@code <monitor>.json} in {@code dir}) into the
     * database, where a monitor has no row yet, and renames each to {@code .json.imported}.
     */
    public void importFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String monitor = name.substring(0, name.length() - ".json".length());
                try {
                    boolean imported;
                    TableConnection connection = connectionOf(monitor);
                    synchronized (connection) {
                        imported = insert(connection.get(), monitor,
                                json(Json.MAPPER.readValue(file.toFile(), AlertState.class)));
                    }
                    Files.move(file, file.resolveSibling(name + ".imported"), StandardCopyOption.REPLACE_EXISTING);
                    LOG.info("Alert state of monitor '{}' {} {}", monitor, imported ? "imported into the database from"
                            : "already in the database; not imported from", file);
                } catch (IOException e) {
                    LOG.warn("Alert state file {} is unreadable ({}); left where it is", file, e.getMessage());
                }
            }
        } catch (IOException | SQLException e) {
            LOG.warn("Could not import the alert state files of {}: {}", dir, e.getMessage());
        }
    }

    @Override
    public void close() {
        for (TableConnection connection : connections) {
            synchronized (connection) {
                connection.close();
            }
        }
    }

    /** Made at the first alert decision rather than when routes start: it takes a while to build. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static AlertState parse(String monitor, String json) {
        try {
            return Json.MAPPER.readValue(json, AlertState.class);
        } catch (IOException e) {
            LOG.warn("Alert state of monitor '{}' is unreadable ({}); starting from UP", monitor, e.getMessage());
            return new AlertState();
        }
    }

    private static String json(AlertState state) {
        try {
            return Json.MAPPER.writeValueAsString(state);
        } catch (IOException e) {
            throw new IllegalStateException("alert state cannot be written as JSON", e);
        }
    }
}
