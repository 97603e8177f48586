package io.bactrian.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One auto-commit connection to the {@link Database}, opened on first use, which creates the
 * tables its owner needs when it opens. After a failure the owner drops it with {@link #reset}
 * and the next use opens a new one: the database may have restarted. Its owner synchronizes.
 */
public final class TableConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TableConnection.class);
    /** SQLSTATE of a unique-key violation, in PostgreSQL and H2 alike: another instance wrote first. */
    public static final String DUPLICATE_KEY = "23505";

    private final Database database;
    private final List<String> schema;
    private Connection connection;

    /** @param schema statements run on each new connection: {@code CREATE TABLE IF NOT EXISTS ...} */
    public TableConnection(Database database, String... schema) {
        this.database = database;
        this.schema = List.of(schema);
    }

    public Connection get() throws SQLException {
        if (connection == null) {
            Connection c = database.connect();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                SqlDialect dialect = SqlDialect.of(c);
                for (String statement : schema) {
                    dialect.create(s, statement);
                }
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    /** Whether a connection is open now. */
    public boolean open() {
        return connection != null;
    }

    public void reset() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("closing a connection to {}: {}", database, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        reset();
    }
}
