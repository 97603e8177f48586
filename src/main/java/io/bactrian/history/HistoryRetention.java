package io.bactrian.history;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How long the history keeps its rows, and the pruning of older ones (the {@code history-prune} route). */
public final class HistoryRetention {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryRetention.class);

    private final Duration duration;
    private final HistoryDatabase database;

    HistoryRetention(Duration duration, HistoryDatabase database) {
        this.duration = duration;
        this.database = database;
    }

    public Duration duration() {
        return duration;
    }

    /** Deletes what is older than the retention; returns the rows deleted. Runs beside the writer. */
    public int prune() throws SQLException {
        return prune(System.currentTimeMillis() - duration.toMillis());
    }

    /** Deletes the rows older than {@code beforeMs} and the rollup rows of periods that ended before it. */
    public int prune(long beforeMs) throws SQLException {
        int n = database.read(c -> {
            int deleted = 0;
            for (HistorySchema.Table t : HistorySchema.TABLES) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + t.name() + " WHERE " + t.timeColumn()
                        + " < ?")) {
                    s.setLong(1, Math.floorDiv(beforeMs, t.periodMs()) * t.periodMs());
                    deleted += s.executeUpdate();
                }
            }
            return deleted;
        });
        if (n > 0) {
            LOG.info("History: {} rows older than {} pruned", n, Instant.ofEpochMilli(beforeMs));
        }
        return n;
    }
}
