package io.bactrian.history;

import java.sql.SQLException;
import java.time.Duration;

import io.bactrian.alert.AlertEvent;
import io.bactrian.core.CheckResult;
import io.bactrian.store.Database;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every check, every node's probe, every Kafka group's lag per topic and every alert event, in a
 * JDBC database: an H2 file by default, PostgreSQL (or any database speaking the same plain SQL)
 * when a JDBC URL is set. This is its life cycle, started and stopped with Camel, and the steps
 * the routes call ({@code bean:history}); the work is the parts': {@link HistoryWriter} (the
 * one writer), {@link HistoryQueries} (what the pages read), {@link HistoryRetention} (pruning),
 * {@link HistorySchema} (the tables).
 */
public class HistoryStore extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryStore.class);

    private final HistoryDatabase database;
    private final MonitorStates states = new MonitorStates();
    private final HistoryWriter writer;
    private final HistoryQueries queries;
    private final HistoryRetention retention;

    public HistoryStore(String url, String user, String password, Duration retention, int queueSize,
                        HistoryListener listener) {
        this.database = new HistoryDatabase(new Database(url, user, password));
        this.writer = new HistoryWriter(database, states, queueSize, listener);
        this.queries = new HistoryQueries(database, states);
        this.retention = new HistoryRetention(retention, database);
    }

    @Override
    protected void doStart() {
        states.restart();
        database.restart();
        writer.start((write, read) -> {
            states.load(read, System.currentTimeMillis() - retention.duration().toMillis());
            LOG.info("History kept in {} for {} days", database, retention.duration().toDays());
        });
    }

    @Override
    protected void doStop() throws Exception {
        writer.stop();
        database.close();
    }

    /** Whether the database is open. */
    public boolean isOpen() {
        return database.isOpen();
    }

    /** Why the database could not be opened at the last try; null when it could, or no try failed yet. */
    public String openFailure() {
        return database.openFailure();
    }

    public HistoryWriter writer() {
        return writer;
    }

    public HistoryQueries queries() {
        return queries;
    }

    public HistoryRetention retention() {
        return retention;
    }

    /** The route step after each check: see {@link HistoryWriter#record}. */
    public void record(CheckResult result) {
        writer.record(result);
    }

    /** The route step after each alert: see {@link HistoryWriter#recordAlert}. */
    public void recordAlert(AlertEvent event) {
        writer.recordAlert(event);
    }

    /** The {@code history-prune} route's step: see {@link HistoryRetention#prune()}. */
    public int prune() throws SQLException {
        return retention.prune();
    }

    /**
     * Drops a monitor from what the overview lists (its last check, its open incident), for a
     * monitor removed from the monitor lists; its rows stay in the history until the retention
     * prunes them, and a check recorded later lists it again.
     */
    public void forget(String monitor) {
        states.forget(monitor);
    }
}
