package io.bactrian.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import io.bactrian.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history's two connections to its {@link Database}: one the writer writes on, one the
 * readers share, one read at a time. The writer's thread opens them, so start-up and the first
 * probes do not wait for the database: readers wait for it instead, a while.
 */
final class HistoryDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryDatabase.class);
    /** How long a reader waits for the database to open before it is told it is not open. */
    private static final long OPEN_WAIT_MS = 10_000;

    private final Database database;
    private final Object readLock = new Object();
    /** Done when the database is open; readers wait for it. */
    private volatile CompletableFuture<Void> opened = new CompletableFuture<>();
    private volatile String openFailure;
    private Connection writing;
    private Connection reading;

    /** What is made of the new connections before a reader may use them. */
    interface Opening {
        void opened(Connection write, Connection read) throws SQLException;
    }

    /** One read on the readers' connection. */
    interface Reading<T> {
        T read(Connection c) throws SQLException;
    }

    HistoryDatabase(Database database) {
        this.database = database;
    }

    /** Makes readers wait again, for the next open after a stop. */
    void restart() {
        if (opened.isDone()) {
            opened = new CompletableFuture<>();
        }
    }

    /**
     * Opens both connections, creates the tables that are missing and runs {@code then}; tried
     * again with a growing pause while it fails. False when stopped (or interrupted) first.
     */
    boolean open(Opening then, BooleanSupplier stopping) {
        long pause = 1000;
        while (true) {
            try {
                writing = connect();
                reading = connect();
                HistorySchema.create(writing);
                then.opened(writing, reading);
                openFailure = null;
                opened.complete(null);
                return true;
            } catch (SQLException e) {
                close(writing);
                close(reading);
                if (openFailure == null) {
                    LOG.error("History database {} cannot be opened ({}); rows wait in memory and it is tried again",
                            database, e.getMessage());
                }
                openFailure = e.getMessage();
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                return false;
            }
            if (stopping.getAsBoolean()) {
                return false;
            }
            pause = Math.min(pause * 2, 30_000);
        }
    }

    private Connection connect() throws SQLException {
        Connection c = database.connect();
        c.setAutoCommit(true);
        return c;
    }

    boolean isOpen() {
        return opened.isDone();
    }

    /** Why the database could not be opened at the last try; null when it could, or no try failed yet. */
    String openFailure() {
        return openFailure;
    }

    /** Waits for the database to open; false when it is not open within the wait. */
    boolean awaitOpen() {
        return awaitOpen(OPEN_WAIT_MS);
    }

    private boolean awaitOpen(long ms) {
        try {
            opened.get(ms, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs one read on the readers' connection once the database is open, no other read beside it. */
    <T> T read(Reading<T> r) throws SQLException {
        synchronized (readLock) {
            if (!awaitOpen()) {
                throw new SQLException("the history database is not open"
                        + (openFailure == null ? " yet" : ": " + openFailure));
            }
            return r.read(reading);
        }
    }

    /**
     * Waits a while for an open under way to finish, before the writer is interrupted: an
     * interrupt while H2 opens its file could leave it half made.
     */
    void settle() {
        if (openFailure == null && !awaitOpen(10_000)) {
            LOG.debug("stopping before the history database opened");
        }
    }

    /** Closes both connections; the writer has stopped. */
    void close() {
        close(writing);
        synchronized (readLock) {
            close(reading);
        }
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

    @Override
    public String toString() {
        return database.toString();
    }
}
