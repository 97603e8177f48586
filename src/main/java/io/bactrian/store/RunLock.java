package io.bactrian.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The H2 file held from the start of a run to its end, so runs over one file (a slow
 * {@code once} and the next trigger's, in one folder or over shared storage) take turns: H2
 * lets one process open a file at a time, and a second that went on without it would decide
 * its alerts on a state it cannot read. A run that finds the file in use waits for it. Other
 * databases are shared as they are: nothing to hold.
 */
public final class RunLock implements AutoCloseable {
    /** H2's "Database may be already in use": another process has the file open. */
    private static final int IN_USE = 90020;
    private static final long RETRY_MS = 250;

    private final Connection held;

    private RunLock(Connection held) {
        this.held = held;
    }

    /**
     * Opens the H2 file and keeps it open until {@link #close}; while another process has it,
     * says so once through {@code say} and tries again, for at most {@code limit}.
     *
     * @throws SQLException the file could not be opened, or was still in use after {@code limit}
     */
    public static RunLock take(Database database, Duration limit, Consumer<String> say)
            throws SQLException, InterruptedException {
        if (!database.url().startsWith("jdbc:h2:file:")) {
            return new RunLock(null);
        }
        long end = System.nanoTime() + limit.toNanos();
        boolean said = false;
        while (true) {
            try {
                return new RunLock(database.connect());
            } catch (SQLException e) {
                if (e.getErrorCode() != IN_USE) {
                    throw e;
                }
                if (System.nanoTime() >= end) {
                    throw new SQLException("the H2 file " + database + " is still in use by another run after "
                            + limit.toSeconds() + " s; this run checked nothing", e.getSQLState());
                }
                if (!said) {
                    say.accept("The H2 file " + database + " is in use by another run; this run waits for it to end"
                            + " (at most " + limit.toSeconds() + " s)");
                    said = true;
                }
                Thread.sleep(RETRY_MS);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        if (held != null) {
            held.close();
        }
    }
}
