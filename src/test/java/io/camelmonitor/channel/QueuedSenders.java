package io.camelmonitor.channel;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

import io.camelmonitor.alert.AlertEvent;
import io.camelmonitor.history.Database;

/**
 * The channels over a real alert queue (an H2 database in memory), as the delivery route
 * uses them: an alert is queued, then one poll delivers what is due. Alerts go out at once
 * unless the test sets {@code channel.group-wait}.
 */
final class QueuedSenders implements AutoCloseable {
    final AlertQueue queue;
    final ChannelSenders senders;

    QueuedSenders(Function<String, String> property, Clock clock) {
        queue = new AlertQueue(new Database("jdbc:h2:mem:senders-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "", ""),
                java.nio.file.Path.of("target"), clock, Duration.ofSeconds(30), Duration.ofDays(30));
        queue.start();
        senders = new ChannelSenders(key -> {
            String value = property.apply(key);
            return key.equals("channel.group-wait") && value.isEmpty() ? "0" : value;
        }, clock, queue, () -> {
            throw new IllegalStateException("no mail in this test");
        });
    }

    /** Queues the alert for the channel and polls once: what was tried, or null when nothing was due. */
    Attempt send(String channel, AlertEvent event) {
        queue.add(channel, event);
        return senders.deliver(channel);
    }

    @Override
    public void close() {
        queue.stop();
    }
}
