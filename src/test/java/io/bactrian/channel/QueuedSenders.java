package io.bactrian.channel;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;

import io.bactrian.alert.AlertEvent;
import io.bactrian.channel.list.Channels;
import io.bactrian.store.Database;

/**
 * The channels over a real alert queue (an H2 database in memory), as the delivery route
 * uses them: an alert is queued, then one poll delivers what is due. Alerts go out at once
 * unless the test sets {@code channel.group-wait}.
 */
final class QueuedSenders implements AutoCloseable {
    final AlertQueue queue;
    final ChannelSenders senders;

    QueuedSenders(Function<String, String> property, Clock clock) {
        this(property, clock, new Database("jdbc:h2:mem:senders-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "", ""),
                "target", monitor -> true);
    }

    /**
     * One of the instances sharing {@code database}, told apart by its data folder {@code home},
     * checking the monitors {@code checked} accepts.
     */
    QueuedSenders(Function<String, String> property, Clock clock, Database database, String home,
                  Predicate<String> checked) {
        queue = new AlertQueue(database, java.nio.file.Path.of(home), clock, Duration.ofSeconds(30), Duration.ofDays(30));
        queue.start();
        senders = new ChannelSenders(key -> {
            String value = property.apply(key);
            return key.equals("channel.group-wait") && value.isEmpty() ? "0" : value;
        }, clock, queue, Channels.ALL, new SendContext.Services(null, java.nio.file.Path.of(home)), checked);
    }

    /** Queues the alert for the channel and polls once: the one attempt made, or null when nothing was due. */
    Attempt send(String channel, AlertEvent event) {
        queue.add(channel, event);
        return only(senders.deliver(channel));
    }

    /** The one attempt of a poll, or null for none. */
    static Attempt only(java.util.List<Attempt> attempts) {
        if (attempts.size() > 1) {
            throw new AssertionError("one attempt expected: " + attempts);
        }
        return attempts.isEmpty() ? null : attempts.get(0);
    }

    @Override
    public void close() {
        queue.stop();
    }
}
