package io.bactrian.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.bactrian.alert.AlertEvent;
import io.bactrian.alert.AlertKind;
import io.bactrian.channel.list.Channels;
import io.bactrian.core.CheckResult;
import io.bactrian.store.Database;
import io.bactrian.testing.Await;
import io.bactrian.testing.MeasuresTime;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;

/** Every channel builds from its properties; a missing one is named; the queued JSON reads back. */
@MeasuresTime
class ChannelSendersTest {
    static final Instant AT = Instant.parse("2026-11-24T01:00:00Z");
    static final AlertEvent EVENT = new AlertEvent(AlertKind.DOWN, "shop", "https://shop.example/", AT,
            AT.minusSeconds(60), "unexpected status", "HTTP 500 (expected 200)",
            new CheckResult("shop", "https://shop.example/", AT, false, "unexpected status",
                    "HTTP 500 (expected 200)", "HTTP 500", new Object()));

    @Test
    void missingPropertyIsNamed() {
        Map<String, String> p = Map.of("channel.tencent-sms.secret-id", "id");
        assertArrayEquals(new String[] {"channel.tencent-sms.secret-key",
                "is not set: channel 'tencent-sms' is listed in alert.channels"},
                Channels.problem("tencent-sms", "alert.channels", k -> p.getOrDefault(k, "")));
        assertEquals("alert.channels.shop", Channels.problem("icq", "alert.channels.shop", k -> "")[0]);
        assertNull(Channels.problem("wecom", "alert.channels", k -> "k"));
        assertEquals(List.of("wecom", "slack"), ChannelProperties.commaList(" wecom, ,slack "));
        assertEquals(List.of(), ChannelProperties.commaList(""));
    }

    /** A failure that quotes a secret setting (here the robot's key in a bad URL) keeps it out of the log and the queue. */
    @Test
    void aFailureNeverShowsTheChannelsSecrets() throws Exception {
        Map<String, String> p = Map.of("channel.wecom.key", "robot-key-4711", "channel.wecom.base-url", "http://bad host");
        try (QueuedSenders q = new QueuedSenders(k -> p.getOrDefault(k, ""), Clock.systemUTC())) {
            Attempt attempt = q.send("wecom", EVENT);
            assertEquals("RETRY", attempt.outcome());
            assertTrue(attempt.reason().contains("send?key=***"), attempt.reason());
            assertFalse(attempt.reason().contains("robot-key-4711"), attempt.reason());
        }
    }

    @Test
    void queuedJsonReadsBackWithoutTheProbeDetail() {
        AlertEvent back = AlertJson.read(AlertJson.write(EVENT));
        assertEquals(EVENT.kind(), back.kind());
        assertEquals(EVENT.at(), back.at());
        assertEquals(EVENT.downSince(), back.downSince());
        assertEquals(EVENT.reason(), back.reason());
        assertNull(back.result().detail());
        assertTrue(AlertJson.write(EVENT).contains("\"at\":\"2026-11-24T01:00:00Z\""), AlertJson.write(EVENT));
    }

    @Test
    void everyChannelBuildsAndSends() throws Exception {
        try (TestServer service = TestServer.answering(503, "busy")) {
            String base = service.url("");
            Map<String, String> p = new HashMap<>();
            p.put("bactrian.data-dir", "target/no-such-data");
            for (Channel<?> channel : Channels.ALL) {
                channel.settings().stream().filter(Setting::required).forEach(s -> p.put(channel.prefix() + s.name(),
                        s.name().equals("phone-numbers") ? "+8613800000000" : "x"));
            }
            p.put("channel.webhook.url", base + "/hook");
            p.put("channel.slack.webhook-path", "/services/T0/B0/x");
            p.put("channel.alertmanager.base-url", base);
            for (String channel : Channels.NAMES) {
                p.put("channel." + channel + ".base-url", base);
            }
            try (QueuedSenders q = new QueuedSenders(k -> p.getOrDefault(k, ""), Clock.systemUTC())) {
                for (String channel : Channels.NAMES) {
                    if (channel.equals("mail")) {
                        continue; // SMTP has its own tests
                    }
                    Attempt retry = q.send(channel, EVENT);
                    assertEquals("RETRY", retry.outcome(), channel);
                    assertTrue(retry.reason().startsWith("HTTP 503"), channel + ": " + retry.reason());
                    // the channel now rests: the alert is not even tried again yet
                    assertEquals(List.of(), q.senders.deliver(channel), channel);
                    assertEquals(1, q.queue.count("queued").get(channel), "kept: " + channel);
                }
            }
            assertEquals(Channels.ALL.size() - 1, service.requests().size());
        }
    }

    @Test
    void aWebhookGetsEveryDueAlertInOnePollOnePerRequestInOrder() throws Exception {
        try (TestServer receiver = TestServer.answering(200, "ok")) {
            Map<String, String> p = Map.of("channel.webhook.url", receiver.url("/hook"));
            try (QueuedSenders q = new QueuedSenders(k -> p.getOrDefault(k, ""), Clock.systemUTC())) {
                for (String monitor : List.of("a", "b", "c")) {
                    q.queue.add("webhook", as(EVENT, monitor, AlertKind.DOWN));
                }
                List<Attempt> attempts = q.senders.deliver("webhook");
                assertEquals(List.of("DOWN a", "DOWN b", "DOWN c"),
                        attempts.stream().map(Attempt::summary).toList(), "one poll, one request each");
                assertEquals(3, receiver.requests().size());
                for (int i = 0; i < 3; i++) {
                    assertTrue(receiver.requests().get(i).body().contains("\"monitor\":\"" + "abc".charAt(i) + "\""),
                            receiver.requests().get(i).body());
                }
                assertEquals(List.of(), q.senders.deliver("webhook"), "nothing left");
            }
        }
    }

    /**
     * A receiver that never answers: the attempt times out, says how long the channel now
     * rests, and the next request comes no earlier than that after the first one ended, however
     * often the delivery route polls meanwhile (a poll that took longer than its period is
     * followed by the next one at once).
     */
    @Test
    void aTimedOutDeliveryRestsTheStatedWaitBeforeTheNextTry() throws Exception {
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        List<Long> hangUps = new CopyOnWriteArrayList<>();
        try (TestServer receiver = TestServer.raw(socket -> {
            TestServer.readRequest(socket.getInputStream());
            arrivals.add(System.nanoTime());
            if (arrivals.size() == 1) {
                while (socket.getInputStream().read() >= 0) {
                    // no answer: wait until the client gives up and hangs up
                }
                hangUps.add(System.nanoTime());
            } else {
                TestServer.respond(socket.getOutputStream(), 200, "ok", "Connection: close");
            }
        })) {
            Map<String, String> p = Map.of("channel.webhook.url", receiver.url("/hook"),
                    "channel.webhook.timeout", "1000", "channel.webhook.retry-delay", "500");
            try (QueuedSenders q = new QueuedSenders(k -> p.getOrDefault(k, ""), Clock.systemUTC())) {
                Attempt timedOut = q.send("webhook", EVENT);
                assertEquals("RETRY", timedOut.outcome());
                assertEquals("timed out; next try in 500 ms", timedOut.reason());
                Await.until("the client to hang up", 5000, () -> hangUps.size() == 1);
                Await.until("the next try", 5000, () -> {
                    List<Attempt> attempts = q.senders.deliver("webhook");
                    return !attempts.isEmpty() && attempts.get(0).outcome().equals("DELIVERED");
                });
                assertEquals(2, arrivals.size(), "one request per attempt: " + arrivals.size());
                long rested = Duration.ofNanos(arrivals.get(1) - hangUps.get(0)).toMillis();
                assertTrue(rested >= 500, "the second request came " + rested + " ms after the first timed out");
                assertTrue(rested < 500 + 1000, "and not much later: " + rested + " ms");
            }
        }
    }

    /**
     * Two instances sharing the database, each with its own Alertmanager address: the firing
     * alerts are posted again, together, by the one delivering the channel only; not while the
     * channel rests after a failed attempt, no more once RESOLVED went out, and not for a
     * monitor no longer checked (its route removed).
     */
    @Test
    void firingAlertsArePostedAgainByOneInstanceUntilResolved() throws Exception {
        AtomicInteger answer = new AtomicInteger(200);
        Database database = new Database("jdbc:h2:mem:replicas-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "", "");
        try (TestServer one = TestServer.http((request, out) -> TestServer.respond(out, answer.get(), "", "Connection: close"));
             TestServer two = TestServer.answering(200, "");
             QueuedSenders first = new QueuedSenders(k -> k.equals("channel.alertmanager.base-url") ? one.url("")
                     : k.equals("channel.retry-delay") ? "60000" : "", Clock.systemUTC(), database, "target/instance-1",
                     monitor -> true);
             QueuedSenders second = new QueuedSenders(k -> k.equals("channel.alertmanager.base-url") ? two.url("") : "",
                     Clock.systemUTC(), database, "target/instance-2", monitor -> !monitor.equals("blog"))) {
            assertEquals(List.of(), first.senders.resendFiring("alertmanager"), "nothing fires yet");
            first.queue.add("alertmanager", as(EVENT, "shop", AlertKind.DOWN));
            first.queue.add("alertmanager", as(EVENT, "api", AlertKind.DOWN));
            first.queue.add("alertmanager", as(EVENT, "blog", AlertKind.DOWN));
            assertEquals("DELIVERED", QueuedSenders.only(first.senders.deliver("alertmanager")).outcome());
            assertEquals(List.of(), second.senders.resendFiring("alertmanager"), "the first instance's channel");

            List<Attempt> again = first.senders.resendFiring("alertmanager");
            assertEquals(List.of("DOWN shop, DOWN api, DOWN blog (3 alerts)"),
                    again.stream().map(Attempt::summary).toList());
            assertEquals("DELIVERED", again.get(0).outcome());
            JsonNode posted = ChannelFixtures.json(one.requests().get(1).body());
            assertEquals(3, posted.size(), "in one request: " + posted);
            assertTrue(posted.get(0).has("endsAt"), posted.toString());

            answer.set(503);
            Attempt failed = QueuedSenders.only(first.senders.resendFiring("alertmanager"));
            assertEquals("RETRY", failed.outcome());
            assertEquals("HTTP 503; next try in 60 s", failed.reason(), "rests as a failed delivery does");
            assertFalse(failed.failedBefore(), "the first failure: warned");
            first.queue.add("alertmanager", as(EVENT, "api", AlertKind.RESOLVED));
            int requests = one.requests().size();
            assertEquals(List.of(), first.senders.deliver("alertmanager"), "the RESOLVED waits with the channel");
            assertEquals(List.of(), first.senders.resendFiring("alertmanager"), "the channel rests");
            assertEquals(requests, one.requests().size());

            second.queue.ended(second.queue.waiting("alertmanager", 10), Delivery.delivered()); // the RESOLVED went out
            answer.set(200);
            first.queue.stop(); // gives the channel up
            assertEquals(List.of("DOWN shop"), second.senders.resendFiring("alertmanager").stream()
                    .map(Attempt::summary).toList(), "taken over; api is resolved, blog not checked here");
            assertEquals(1, two.requests().size());
            assertEquals(1, ChannelFixtures.json(two.requests().get(0).body()).size());
        }
    }

    /**
     * Alertmanager unreachable: a failed re-send rests the channel with the delivery's back-off
     * (500 ms, then 1 s), nothing is posted while it rests, only the first failure in a row is
     * one to warn of, and a re-send that goes through ends the rest and the count.
     */
    @Test
    void aFailedResendRestsTheChannelWithTheDeliveriesBackOff() throws Exception {
        AtomicInteger answer = new AtomicInteger(200);
        try (TestServer am = TestServer.http((request, out) -> TestServer.respond(out, answer.get(), "", "Connection: close"));
             QueuedSenders q = new QueuedSenders(k -> k.equals("channel.alertmanager.base-url") ? am.url("")
                     : k.equals("channel.retry-delay") ? "500" : "", Clock.systemUTC())) {
            q.queue.add("alertmanager", as(EVENT, "shop", AlertKind.DOWN));
            assertEquals("DELIVERED", QueuedSenders.only(q.senders.deliver("alertmanager")).outcome());
            answer.set(503);
            Attempt first = QueuedSenders.only(q.senders.resendFiring("alertmanager"));
            assertEquals("HTTP 503; next try in 500 ms", first.reason());
            assertFalse(first.failedBefore());
            int requests = am.requests().size();
            assertEquals(List.of(), q.senders.resendFiring("alertmanager"), "resting: not tried at every interval");
            assertEquals(requests, am.requests().size());
            List<Attempt> second = new java.util.ArrayList<>();
            Await.until("the rest to end", 5000, () -> second.addAll(q.senders.resendFiring("alertmanager")));
            assertEquals("HTTP 503; next try in 1000 ms", QueuedSenders.only(second).reason(), "the back-off doubles");
            assertTrue(second.get(0).failedBefore(), "still failing: not warned again");
            answer.set(200);
            List<Attempt> third = new java.util.ArrayList<>();
            Await.until("the next re-send", 5000, () -> third.addAll(q.senders.resendFiring("alertmanager")));
            assertEquals("DELIVERED", QueuedSenders.only(third).outcome());
            assertEquals("DELIVERED", QueuedSenders.only(q.senders.resendFiring("alertmanager")).outcome(),
                    "no rest after it");
            answer.set(503);
            assertFalse(QueuedSenders.only(q.senders.resendFiring("alertmanager")).failedBefore(), "a new outage: warned");
        }
    }

    @Test
    void eachMonitorAndKindCanNameItsOwnChannels() {
        Map<String, String> p = Map.of("alert.channels", "wecom, dingtalk",
                "alert.channels.resolved", "wecom",
                "alert.channels.shop", "feishu, tencent-sms",
                "alert.channels.shop.resolved", "feishu",
                "alert.channels.blog", "none",
                "alert.channels.kafka-lag", "tencent-sms",
                "alert.channels.kafka-lag/orders.down", "feishu");
        ChannelSenders senders = new ChannelSenders(k -> p.getOrDefault(k, ""), Clock.systemUTC(), null, Channels.ALL, null, m -> true);
        assertEquals(List.of("feishu", "tencent-sms"), senders.channels(EVENT), "the monitor's own list");
        assertEquals(List.of("feishu"), senders.channels(as(EVENT, "shop", AlertKind.RESOLVED)), "and per kind");
        assertEquals(List.of("feishu", "tencent-sms"), senders.channels(as(EVENT, "shop", AlertKind.REMINDER)));
        assertEquals(List.of("wecom", "dingtalk"), senders.channels(as(EVENT, "api", AlertKind.DOWN)), "the default");
        assertEquals(List.of("wecom"), senders.channels(as(EVENT, "api", AlertKind.RESOLVED)), "the default per kind");
        assertEquals(List.of(), senders.channels(as(EVENT, "blog", AlertKind.DOWN)), "none");
        // a group of a Kafka lag monitor: its own list first, then the route's
        assertEquals(List.of("feishu"), senders.channels(as(EVENT, "kafka-lag/orders", AlertKind.DOWN)));
        assertEquals(List.of("tencent-sms"), senders.channels(as(EVENT, "kafka-lag/orders", AlertKind.RESOLVED)));
        assertEquals(List.of("tencent-sms"), senders.channels(as(EVENT, "kafka-lag/billing", AlertKind.DOWN)));
    }

    @Test
    void severityChoosesChannelsAfterTheMonitorsOwnList() {
        Map<String, String> p = Map.of("alert.channels", "slack",
                "alert.channels.resolved", "wecom",
                "alert.severity", "warning",
                "alert.severity.db", "critical",
                "alert.channels.severity.critical", "wecom, tencent-sms",
                "alert.channels.severity.critical.resolved", "wecom",
                "alert.channels.severity.info", "none",
                "alert.severity.blog", "info",
                "alert.channels.db.reminder", "dingtalk");
        ChannelSenders senders = new ChannelSenders(k -> p.getOrDefault(k, ""), Clock.systemUTC(), null, Channels.ALL, null, m -> true);
        assertEquals("critical", senders.severity("db"));
        assertEquals("warning", senders.severity("shop"), "the default severity");
        assertEquals(List.of("wecom", "tencent-sms"), senders.channels(as(EVENT, "db", AlertKind.DOWN)), "by severity");
        assertEquals(List.of("wecom"), senders.channels(as(EVENT, "db", AlertKind.RESOLVED)), "by severity and kind");
        assertEquals(List.of("dingtalk"), senders.channels(as(EVENT, "db", AlertKind.REMINDER)),
                "the monitor's own list wins");
        assertEquals(List.of("slack"), senders.channels(as(EVENT, "shop", AlertKind.DOWN)),
                "a severity without a list: the default");
        assertEquals(List.of("wecom"), senders.channels(as(EVENT, "shop", AlertKind.RESOLVED)));
        assertEquals(List.of(), senders.channels(as(EVENT, "blog", AlertKind.DOWN)), "info: none");
        assertEquals(List.of(), deliveryProblems(p.keySet(), k -> p.getOrDefault(k, "")));
        Map<String, String> bad = Map.of("alert.severity.db", "urgent", "alert.channels.severity.high", "wecom");
        List<String[]> problems = deliveryProblems(new java.util.TreeSet<>(bad.keySet()),
                k -> bad.getOrDefault(k, ""));
        assertEquals(List.of("alert.channels.severity.high", "alert.severity.db"),
                problems.stream().map(x -> x[0]).toList());
    }

    @Test
    void timeoutsAndTheResendIntervalAreWaitsAboveZero() {
        Map<String, String> bad = Map.of("channel.timeout", "ten seconds", "channel.webhook.timeout", "0",
                "channel.alertmanager.resend-interval", "0", "channel.group-wait", "10s", "channel.retry-delay", "2500");
        List<String> problems = deliveryProblems(bad.keySet(), k -> bad.getOrDefault(k, "")).stream()
                .map(x -> x[0] + ": " + x[1]).toList();
        assertEquals(List.of("channel.alertmanager.resend-interval: must be at least 1 ms",
                "channel.timeout: 'ten seconds' is not a wait such as 10s, 500ms or 10000 (ms)",
                "channel.webhook.timeout: must be at least 1 ms"), problems.stream().sorted().toList());
    }

    private static AlertEvent as(AlertEvent e, String monitor, AlertKind kind) {
        return new AlertEvent(kind, monitor, e.target(), e.at(), e.downSince(), e.failureClass(), e.reason(), e.result());
    }

    /** The delivery settings' and severities' problems, as start-up and validate report them. */
    private static List<String[]> deliveryProblems(java.util.Collection<String> keys, java.util.function.Function<String, String> p) {
        List<String[]> problems = new java.util.ArrayList<>(DeliverySettings.problems(Channels.ALL, p));
        problems.addAll(ChannelSenders.severityProblems(keys, p));
        problems.addAll(Channels.named("alertmanager").problems(new ChannelProperties("channel.alertmanager.", p)));
        return problems;
    }
}
