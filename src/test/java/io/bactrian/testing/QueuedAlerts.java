package io.bactrian.testing;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

import io.bactrian.channel.AlertQueue;
import io.bactrian.store.Database;

/**
 * The alert queue of a monitor's default database (the H2 file in its data folder), read as
 * an operator would with SQL: how many alerts wait, went out, or were refused, per channel.
 */
public final class QueuedAlerts implements AutoCloseable {
    private final AlertQueue queue;

    public QueuedAlerts(Path dataDir) {
        queue = new AlertQueue(new Database(Database.h2Url(dataDir), "", ""), dataDir, Clock.systemUTC(),
                Duration.ofSeconds(30), Duration.ofDays(30));
        queue.start();
    }

    public int queued(String channel) {
        return queue.count("queued").getOrDefault(channel, 0);
    }

    public int sent(String channel) {
        return queue.count("sent").getOrDefault(channel, 0);
    }

    public int failed(String channel) {
        return queue.count("failed").getOrDefault(channel, 0);
    }

    /** The failed attempts so far of the alerts of this channel still waiting, the most of any. */
    public int attempts(String channel) {
        try {
            return queue.undelivered(Duration.ZERO, Integer.MAX_VALUE).stream()
                    .filter(u -> u.channel().equals(channel) && u.state().equals("queued"))
                    .mapToInt(AlertQueue.Undelivered::attempts).max().orElse(0);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        queue.stop();
    }
}
