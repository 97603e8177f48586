package io.bactrian.history;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of the history database: the store opens it in the background and keeps trying
 * when it cannot, so an instance whose database is unreachable still runs its probes but is
 * reported not ready ({@code /observe/health/ready} answers 503) with the database's reason.
 */
public class HistoryHealthCheck extends AbstractHealthCheck {
    private final HistoryStore store;

    public HistoryHealthCheck(HistoryStore store) {
        super("bactrian", "history-database");
        this.store = store;
    }

    @Override
    public boolean isLiveness() {
        return false; // a restart does not bring a database back
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String failure = store.openFailure();
        if (store.isOpen()) {
            builder.up();
        } else {
            builder.message(failure == null ? "the history database is being opened"
                    : "the history database cannot be opened: " + failure).down();
        }
    }
}
