package io.bactrian.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.bactrian.alert.AlertEvent;
import io.bactrian.alert.AlertKind;
import io.bactrian.channel.list.Channels;
import io.bactrian.core.CheckResult;
import io.bactrian.store.Database;
import io.bactrian.testing.ManualClock;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery step against a fake WeCom robot and a real alert queue (H2), on a clock the test
 * moves: alerts queued together wait group-wait and go out as one message, a lone one with its
 * own text; the grouped text fits the service's size; beyond the rate limit alerts wait and are
 * grouped, never dropped.
 */
class ChannelGroupingTest {
    private static final Instant T0 = Instant.parse("2026-11-24T01:00:00Z");
    private static final String OK = "{\"errcode\":0,\"errmsg\":\"ok\"}";
    // the fake serves one request per connection; the client must not reuse it

    @TempDir
    Path data;

    private final ManualClock clock = new ManualClock(T0);

    private AlertQueue queue;

    @BeforeEach
    void openQueue() {
        queue = new AlertQueue(new Database("jdbc:h2:mem:grouping-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "", ""),
                data, clock, Duration.ofSeconds(30), Duration.ofDays(30));
        queue.start();
    }

    @AfterEach
    void closeQueue() {
        queue.stop();
    }

    private ChannelSenders senders(TestServer wecom, String... more) {
        Map<String, String> p = new HashMap<>();
        p.put("channel.wecom.key", "wecom-robot-key");
        p.put("channel.wecom.base-url", wecom.url(""));
        p.put("channel.group-wait", "10000");
        for (int i = 0; i < more.length; i += 2) {
            p.put(more[i], more[i + 1]);
        }
        return new ChannelSenders(k -> p.getOrDefault(k, ""), clock, queue, Channels.ALL, null, m -> true);
    }

    private static AlertEvent down(String monitor) {
        String reason = "HTTP 503 (expected 200)";
        return new AlertEvent(AlertKind.DOWN, monitor, "https://" + monitor + ".example/", T0, T0, "unexpected status",
                reason, new CheckResult(monitor, "https://" + monitor + ".example/", T0, false, "unexpected status",
                        reason, reason, null));
    }

    /** One poll of the delivery route for the channel: the outcome, or null when nothing was due. */
    private Delivery.Outcome deliver(ChannelSenders senders, String channel) {
        Attempt attempt = QueuedSenders.only(senders.deliver(channel));
        return attempt == null ? null : attempt.delivery().outcome();
    }

    private static String content(TestServer.Request request) throws Exception {
        JsonNode body = ChannelFixtures.json(request.body());
        return body.get("markdown_v2").get("content").asText();
    }

    @Test
    void fiftyAlertsQueuedTogetherGoOutAsOneMessageNamingEach() throws Exception {
        try (TestServer wecom = TestServer.answering(200, OK)) {
            ChannelSenders senders = senders(wecom);
            for (int i = 1; i <= 50; i++) {
                queue.add("wecom", down(String.format("site-%02d", i)));
            }
            clock.now = T0.plusSeconds(9);
            assertNull(deliver(senders, "wecom"), "the oldest waits group-wait");
            assertEquals(0, wecom.requests().size());
            clock.now = T0.plusSeconds(10);
            assertEquals(Delivery.Outcome.DELIVERED, deliver(senders, "wecom"));
            assertNull(deliver(senders, "wecom"), "nothing left");
            assertEquals(1, wecom.requests().size(), "one message for all fifty");
            assertEquals(50, queue.count("sent").get("wecom"), "all fifty marked sent");
            String content = content(wecom.requests().get(0));
            assertTrue(content.startsWith("**【告警汇总】50 个监控：50 故障**\n- 【告警】site-01：HTTP 503"), content);
            for (int i = 1; i <= 50; i++) {
                assertTrue(content.contains(String.format("【告警】site-%02d：", i)), "site " + i + " named: " + content);
            }
            assertTrue(content.getBytes(StandardCharsets.UTF_8).length <= 4096);
        }
    }

    @Test
    void aLoneAlertGoesOutAfterTheWaitWithItsOwnText() throws Exception {
        try (TestServer wecom = TestServer.answering(200, OK)) {
            ChannelSenders senders = senders(wecom, "channel.wecom.group-wait", "2000");
            queue.add("wecom", down("shop"));
            clock.now = T0.plusMillis(1999);
            assertNull(deliver(senders, "wecom"));
            clock.now = T0.plusMillis(2000);
            assertEquals(Delivery.Outcome.DELIVERED, deliver(senders, "wecom"));
            String content = content(wecom.requests().get(0));
            assertTrue(content.startsWith("**【告警】shop：HTTP 503 (expected 200)**\n\n**监控**: shop"), content);
        }
    }

    @Test
    void aGroupedSpeedTestKeepsItsReasonAndNodeTable() throws Exception {
        try (TestServer wecom = TestServer.answering(200, OK)) {
            ChannelSenders senders = senders(wecom);
            queue.add("wecom", ChatTableTest.speedAlert());
            queue.add("wecom", down("blog"));
            clock.now = T0.plusSeconds(10);
            assertEquals(Delivery.Outcome.DELIVERED, deliver(senders, "wecom"));
            assertEquals(1, wecom.requests().size(), "one message for both");
            String content = content(wecom.requests().get(0));
            // each alert's own message, as it reads alone, after the group's title; nothing cut
            assertTrue(content.startsWith("**【告警汇总】2 个监控：2 故障**\n\n**【告警】shop：2 个节点中 1 个失败：超时**"
                    + "\n\n**监控**: shop\n\n"), content);
            assertTrue(content.contains("| 正常 |\n\n**【告警】blog：HTTP 503 (expected 200)**\n\n**监控**: blog\n\n"), content);
            assertTrue(content.endsWith("\n\n**已持续**: 0秒"), content);
            assertTrue(content.contains("**原因**: 2 个节点中 1 个失败：超时"), content);
            assertTrue(content.contains("| 广东佛山[电信] | 广东佛山 | 电信 | 93.184.216.34 | - | 2500.0 |"), content);
        }
    }

    @Test
    void groupedTextIsCutToTheServiceLimitSayingHowManyMore() throws Exception {
        try (TestServer wecom = TestServer.answering(200, OK)) {
            ChannelSenders senders = senders(wecom);
            for (int i = 1; i <= 200; i++) {
                queue.add("wecom", down(String.format("很长的监控名称-%03d", i)));
            }
            clock.now = T0.plusSeconds(10);
            assertEquals(Delivery.Outcome.DELIVERED, deliver(senders, "wecom"));
            assertNull(deliver(senders, "wecom"), "the ones not listed went out in the same message");
            assertEquals(1, wecom.requests().size());
            String content = content(wecom.requests().get(0));
            int bytes = content.getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes <= 4096 && bytes > 3900, "bytes: " + bytes);
            long listed = content.lines().filter(l -> l.startsWith("- 【告警】")).count();
            assertTrue(content.endsWith("\n…… 另有 " + (200 - listed) + " 条"), content);
            assertTrue(content.contains(String.format("很长的监控名称-%03d：HTTP 503 (expected 200)\n……", listed)),
                    "whole lines only: " + content);
        }
    }

    @Test
    void beyondTheRateLimitAlertsWaitAndGoGroupedNoneDropped() throws Exception {
        try (TestServer wecom = TestServer.answering(200, OK)) {
            // WeCom's default: 20 messages a minute per robot
            ChannelSenders senders = senders(wecom, "channel.wecom.group-wait", "0");
            for (int i = 1; i <= 20; i++) {
                clock.now = T0.plusSeconds(i);
                queue.add("wecom", down("m" + i));
                assertEquals(Delivery.Outcome.DELIVERED, deliver(senders, "wecom"));
            }
            for (int i = 21; i <= 25; i++) {
                clock.now = T0.plusSeconds(i);
                queue.add("wecom", down("m" + i));
                assertNull(deliver(senders, "wecom"), "the 21st message within a minute waits");
            }
            assertEquals(20, wecom.requests().size());
            assertEquals(5, queue.count("queued").get("wecom"), "none dropped");
            clock.now = T0.plusSeconds(61); // the first message of the minute is a minute old
            assertEquals(Delivery.Outcome.DELIVERED, deliver(senders, "wecom"));
            assertEquals(21, wecom.requests().size(), "the five waiting went out as one message");
            String content = content(wecom.requests().get(20));
            for (int i = 21; i <= 25; i++) {
                assertTrue(content.contains("【告警】m" + i + "："), content);
            }
        }
    }

    @Test
    void slackIsLimitedToOneMessageASecond() throws Exception {
        try (TestServer slack = TestServer.answering(200, "ok")) {
            Map<String, String> p = Map.of("channel.slack.webhook-path", "/services/T/B/x",
                    "channel.slack.base-url", slack.url(""), "channel.group-wait", "0");
            ChannelSenders senders = new ChannelSenders(k -> p.getOrDefault(k, ""), clock, queue, Channels.ALL, null, m -> true);
            queue.add("slack", down("a"));
            assertEquals(Delivery.Outcome.DELIVERED, deliver(senders, "slack"));
            queue.add("slack", down("b"));
            assertNull(deliver(senders, "slack"), "one message a second");
            clock.now = T0.plus(Duration.ofSeconds(1));
            assertEquals(Delivery.Outcome.DELIVERED, deliver(senders, "slack"));
            assertEquals(2, slack.requests().size());
        }
    }

    @Test
    void badWaitsAndRatesAreNamed() {
        Map<String, String> p = Map.of("channel.group-wait", "ten seconds", "channel.wecom.rate-limit", "20 per minute",
                "channel.slack.rate-limit", "1/1s", "channel.dingtalk.rate-limit", "none");
        List<String[]> problems = DeliverySettings.problems(Channels.ALL, k -> p.getOrDefault(k, ""));
        assertEquals(2, problems.size());
        assertEquals("channel.group-wait", problems.get(0)[0]);
        assertEquals("channel.wecom.rate-limit", problems.get(1)[0]);
        assertTrue(problems.get(1)[1].contains("e.g. 20/1m"), problems.get(1)[1]);
    }
}
