package io.bactrian.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.bactrian.alert.AlertEvent;
import io.bactrian.alert.AlertKind;
import io.bactrian.channel.list.Channels;
import io.bactrian.cron.InstanceIds;
import io.bactrian.store.Database;
import io.bactrian.testing.ManualClock;
import io.bactrian.testing.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The alert queue on the default H2 file and on a real PostgreSQL: alerts come back after a
 * restart in the order queued, what went out together is marked together, instances sharing
 * the database deliver a channel one at a time and take it over from one that stopped polling,
 * and retention deletes only what is done.
 */
class AlertQueueTest {
    private static final Instant T0 = Instant.parse("2026-11-24T01:00:00Z");

    @TempDir
    Path tmp;

    private final ManualClock clock = new ManualClock(T0);

    private Database database(String kind) throws Exception {
        return kind.equals("h2") ? new Database(Database.h2Url(tmp.resolve("data")), "", "")
                : new Database(Postgres.newDatabase(), "postgres", "");
    }

    private AlertQueue queue(Database database, String home) {
        AlertQueue queue = new AlertQueue(database, tmp.resolve(home), clock, Duration.ofSeconds(2), Duration.ofDays(1));
        queue.start();
        return queue;
    }

    private static AlertEvent event(AlertKind kind, String monitor) {
        return new AlertEvent(kind, monitor, "https://" + monitor + ".example/", T0, T0, "unexpected status",
                "HTTP 503 (expected 200)", null);
    }

    private static List<String> labels(List<AlertQueue.Queued> rows) {
        return rows.stream().map(AlertQueue.Queued::label).toList();
    }

    @Test
    void anAlertNamedTwiceForAChannelIsQueuedOnce() throws Exception {
        AlertQueue queue = queue(database("h2"), "a");
        try {
            AlertEvent down = event(AlertKind.DOWN, "shop");
            queue.add("mail", down);
            queue.add("wecom", down);
            queue.add("mail", down);
            queue.add("mail", event(AlertKind.DOWN, "shop")); // raised by another check
            assertEquals(List.of("DOWN shop", "DOWN shop"), labels(queue.waiting("mail", 100)));
            assertEquals(List.of("DOWN shop"), labels(queue.waiting("wecom", 100)));
        } finally {
            queue.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void queuedAlertsOutliveARestartInOrderAndGroupsAreMarkedTogether(String kind) throws Exception {
        Database database = database(kind);
        AlertQueue before = queue(database, "a");
        before.add("wecom", event(AlertKind.DOWN, "shop"));
        before.add("wecom", event(AlertKind.DOWN, "api"));
        before.add("mail", event(AlertKind.DOWN, "shop"));
        before.add("wecom", event(AlertKind.RESOLVED, "shop"));
        before.stop();

        AlertQueue after = queue(database, "a");
        try {
            List<AlertQueue.Queued> waiting = after.waiting("wecom", 100);
            assertEquals(List.of("DOWN shop", "DOWN api", "RESOLVED shop"), labels(waiting), "in the order queued");
            assertEquals("HTTP 503 (expected 200)", waiting.get(0).event().reason(), "the whole alert comes back");
            assertEquals(T0, waiting.get(0).queuedAt());
            after.ended(waiting.subList(0, 2), Delivery.delivered());
            after.ended(waiting.subList(2, 3), Delivery.retry("HTTP 502"));
            assertEquals(List.of("RESOLVED shop"), labels(after.waiting("wecom", 100)), "a failed attempt stays queued");
            after.ended(waiting, Delivery.delivered());
            assertEquals(3, after.count("sent").get("wecom"), "each marked once: " + after.count("sent"));
            assertEquals(List.of("DOWN shop"), labels(after.waiting("mail", 100)), "other channels untouched");
        } finally {
            after.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void oneInstanceDeliversAChannelAndAnotherTakesOverWhenItStopsPolling(String kind) throws Exception {
        Database database = database(kind);
        AlertQueue first = queue(database, "instance-1");
        AlertQueue second = queue(database, "instance-2");
        try {
            first.add("wecom", event(AlertKind.DOWN, "shop"));
            second.add("slack", event(AlertKind.DOWN, "shop"));
            assertEquals(List.of("slack", "wecom"), first.channelsToDeliver().stream().sorted().toList());
            assertEquals(List.of(), second.channelsToDeliver(), "both channels are the first instance's");
            clock.now = T0.plusMillis(1500);
            assertEquals(2, first.channelsToDeliver().size(), "a poll renews the lease");
            clock.now = T0.plusMillis(3000);
            assertEquals(List.of(), second.channelsToDeliver(), "still within the renewed lease");
            clock.now = T0.plusMillis(3600); // the first instance fell silent 2.1 s ago
            assertEquals(2, second.channelsToDeliver().size(), "taken over");
            assertEquals(List.of(), first.channelsToDeliver(), "and not given back while the second polls");
            second.stop();
            assertEquals(2, first.channelsToDeliver().size(), "a stopped instance gives its channels up at once");
        } finally {
            first.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void twoQueuesOfOneFolderInOneProcessNeverBothDeliverAChannel(String kind) throws Exception {
        Database database = database(kind);
        // two runs at once in one folder: a slow once and the next trigger's, two invocations of one function
        AlertQueue first = queue(database, "data");
        AlertQueue second = queue(database, "data");
        try {
            first.add("webhook", event(AlertKind.DOWN, "shop"));
            assertEquals(List.of("webhook"), first.channelsToDeliver());
            assertEquals(List.of(), second.channelsToDeliver(), "the other run of the folder waits");
            first.stop();
            assertEquals(List.of("webhook"), second.channelsToDeliver(), "given up at the run's end");
        } finally {
            first.stop();
            second.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aLeaseOfThisFolderWhoseProcessEndedIsTakenOverAtOnce(String kind) throws Exception {
        Database database = database(kind);
        AlertQueue queue = queue(database, "data");
        try {
            queue.add("webhook", event(AlertKind.DOWN, "shop"));
            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                // a run of this machine and folder killed with kill -9 while it held the channel
                String here = "@" + InstanceIds.host() + ":" + tmp.resolve("data").toAbsolutePath().normalize();
                long later = clock.millis() + 60_000;
                s.execute("INSERT INTO cm_outbox_lease (channel, owner, until_ms) VALUES ('webhook', '"
                        + ProcessHandle.current().pid() + ".1.1" + here + "', " + later + ")");
                s.execute("INSERT INTO cm_outbox_lease (channel, owner, until_ms) VALUES ('wecom', '"
                        + ProcessHandle.current().pid() + ".1.1@elsewhere:/data', " + later + ")");
            }
            queue.add("wecom", event(AlertKind.DOWN, "shop"));
            assertEquals(List.of("webhook"), queue.channelsToDeliver(),
                    "taken from the ended run at once; another machine's lease is kept until it runs out");
        } finally {
            queue.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void firingAlertsAreEachMonitorsNewestSentDownOrReminderUntilItsResolvedForOneInstance(String kind)
            throws Exception {
        Database database = database(kind);
        AlertQueue first = queue(database, "instance-1");
        AlertQueue second = queue(database, "instance-2");
        try {
            for (String monitor : List.of("shop", "api", "db")) {
                first.add("alertmanager", event(AlertKind.DOWN, monitor));
            }
            first.add("wecom", event(AlertKind.DOWN, "blog"));
            assertEquals(List.of(), first.firing("alertmanager"), "nothing went out yet");
            first.ended(first.waiting("alertmanager", 100), Delivery.delivered());
            first.ended(first.waiting("wecom", 100), Delivery.delivered());
            first.add("alertmanager", event(AlertKind.REMINDER, "shop"));
            first.add("alertmanager", event(AlertKind.RESOLVED, "api"));
            first.add("alertmanager", event(AlertKind.NOTICE, "db"));
            first.ended(first.waiting("alertmanager", 100), Delivery.delivered());
            first.add("alertmanager", event(AlertKind.RESOLVED, "db"));
            assertEquals(List.of("DOWN db", "REMINDER shop"), labels(first.firing("alertmanager")),
                    "a notice is news, not the outage; a RESOLVED still queued has not ended it yet");
            assertEquals(List.of(), second.firing("alertmanager"), "the first instance sends them");
            assertEquals("HTTP 503 (expected 200)", first.firing("alertmanager").get(1).event().reason(),
                    "the whole alert, to post again");

            first.ended(first.waiting("alertmanager", 100), Delivery.permanent("HTTP 400: bad alert"));
            assertEquals(List.of("REMINDER shop"), labels(first.firing("alertmanager")),
                    "a RESOLVED refused for good ends it too: the monitor is up");
            assertEquals(List.of("DOWN blog"), labels(first.firing("wecom")), "each channel its own");

            clock.now = T0.plusMillis(2500); // the first instance fell silent
            List<AlertQueue.Queued> firing = second.firing("alertmanager");
            assertEquals(List.of("REMINDER shop"), labels(firing), "taken over");
            clock.now = T0.plus(Duration.ofDays(400));
            second.resent(firing);
            second.prune();
            assertEquals(List.of("REMINDER shop"), labels(second.firing("alertmanager")),
                    "kept past the retention while it fires");
            assertEquals(0, second.count("sent").getOrDefault("wecom", 0), "the rest pruned");
        } finally {
            second.stop();
            first.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void retentionDeletesSentAndFailedAlertsButNeverQueuedOnes(String kind) throws Exception {
        AlertQueue queue = queue(database(kind), "a");
        try {
            queue.add("wecom", event(AlertKind.DOWN, "a"));
            queue.add("wecom", event(AlertKind.DOWN, "b"));
            queue.add("wecom", event(AlertKind.DOWN, "c"));
            List<AlertQueue.Queued> rows = queue.waiting("wecom", 100);
            queue.ended(rows.subList(0, 1), Delivery.delivered());
            queue.ended(rows.subList(1, 2), Delivery.permanent("errcode 93000"));
            clock.now = T0.plus(Duration.ofHours(23));
            assertEquals(0, queue.prune(), "younger than the retention");
            clock.now = T0.plus(Duration.ofDays(400));
            assertEquals(2, queue.prune());
            assertEquals(List.of("DOWN c"), labels(queue.waiting("wecom", 100)), "queued ones stay however old");
        } finally {
            queue.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void undeliveredAlertsAreTheRefusedOnesAndTheQueuedOnesThatFailedOrWaitedNewestFirst(String kind) throws Exception {
        AlertQueue queue = queue(database(kind), "a");
        try {
            queue.add("wecom", event(AlertKind.DOWN, "sent"));
            queue.add("wecom", event(AlertKind.DOWN, "refused"));
            queue.add("wecom", event(AlertKind.DOWN, "retried"));
            clock.now = T0.plusSeconds(30);
            queue.add("slack", event(AlertKind.RESOLVED, "fresh"));
            List<AlertQueue.Queued> rows = queue.waiting("wecom", 100);
            queue.ended(rows.subList(0, 1), Delivery.delivered());
            queue.ended(rows.subList(1, 2), Delivery.permanent("errcode 93000: invalid webhook url"));
            queue.ended(rows.subList(2, 3), Delivery.retry("HTTP 500"));

            List<AlertQueue.Undelivered> all = queue.undelivered(Duration.ZERO, 100);
            assertEquals(List.of("fresh", "retried", "refused"), all.stream().map(AlertQueue.Undelivered::monitor).toList(),
                    "newest first, nothing sent");
            AlertQueue.Undelivered fresh = all.get(0);
            assertEquals(List.of("slack", "RESOLVED", "queued", 0), List.of(fresh.channel(), fresh.kind(), fresh.state(),
                    fresh.attempts()));
            assertEquals(T0.plusSeconds(30), fresh.queuedAt());
            assertNull(fresh.failedAt());
            assertEquals(List.of("queued", 1, "HTTP 500"), List.of(all.get(1).state(), all.get(1).attempts(),
                    all.get(1).lastError()));
            AlertQueue.Undelivered refused = all.get(2);
            assertEquals(List.of("failed", 1, "errcode 93000: invalid webhook url"),
                    List.of(refused.state(), refused.attempts(), refused.lastError()));
            assertEquals(T0.plusSeconds(30), refused.failedAt());
            assertEquals(T0, refused.queuedAt());

            assertEquals(List.of("retried", "refused"), queue.undelivered(Duration.ofMinutes(1), 100).stream()
                    .map(AlertQueue.Undelivered::monitor).toList(), "an alert never tried is not late within a minute");
            clock.now = T0.plusSeconds(90);
            assertEquals(3, queue.undelivered(Duration.ofMinutes(1), 100).size(), "a minute later it is");
            assertEquals(2, queue.undelivered(Duration.ZERO, 2).size(), "at most the limit");

            Map<String, AlertQueue.Backlog> backlog = queue.backlog(Channels.NAMES);
            assertEquals(new AlertQueue.Backlog(1, T0, 1), backlog.get("wecom"), backlog.toString());
            assertEquals(new AlertQueue.Backlog(1, T0.plusSeconds(30), 0), backlog.get("slack"));
            assertEquals(new AlertQueue.Backlog(0, null, 0), backlog.get("mail"), "every known channel is listed");
            assertEquals("mail", backlog.keySet().iterator().next());
        } finally {
            queue.stop();
        }
    }
}
