package io.bactrian.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.bactrian.alert.AlertEvent;
import io.bactrian.alert.AlertKind;
import io.bactrian.channel.dingtalk.DingTalkSink;
import io.bactrian.channel.feishu.FeishuSink;
import io.bactrian.channel.slack.SlackSink;
import io.bactrian.core.CheckResult;
import io.bactrian.core.Table;
import io.bactrian.probe.Failure;
import io.bactrian.probe.FailureClass;
import io.bactrian.probe.ProbeResult;
import io.bactrian.probe.speedtest.Node;
import io.bactrian.probe.speedtest.NodeResult;
import io.bactrian.probe.speedtest.SpeedReport;
import io.bactrian.probe.speedtest.SpeedRow;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;

/** A speed test's per-node table reaches chat messages as markdown, also after the outbox queue. */
public class ChatTableTest {

    public static AlertEvent speedAlert() {
        Node gd = new Node("gd", null, "广东", "佛山", "电信", Node.Kind.LOCAL, null, null, null, null, 1);
        Node js = new Node("js", null, "江苏", "宿迁", "联通", Node.Kind.LOCAL, null, null, null, null, 1);
        ProbeResult ok = new ProbeResult(URI.create("https://shop.test/"), "93.184.216.34", 200, "HTTP/1.1", 3, 8, 20, 40,
                5, 76, 1024, false, "ok", Map.of(), 0, null, null);
        ProbeResult slow = new ProbeResult(URI.create("https://shop.test/"), "93.184.216.34", 0, null, 3, 8, 20, 0, 0, 2500,
                0, false, null, Map.of(), 0, null, new Failure(FailureClass.TIMEOUT, "ttfb", "timed out after 2500 ms"));
        SpeedReport report = new SpeedReport("https://shop.test/", List.of(
                new SpeedRow(new NodeResult(js, js.displayName(), ok), null, List.of()),
                new SpeedRow(new NodeResult(gd, gd.displayName(), slow), "timeout", List.of("timed out after 2500 ms"))),
                "1 of 2 nodes failed");
        Instant at = Instant.parse("2026-11-24T02:00:00Z");
        CheckResult r = new CheckResult("shop", "https://shop.test/", at, false, "timeout", "1 of 2 nodes failed: timeout",
                "2 nodes, 1 failed", report);
        return new AlertEvent(AlertKind.DOWN, "shop", "https://shop.test/", at, at, "timeout", r.reason(), r);
    }

    @Test
    void markdownCarriesTheNodeTableFailingRowFirst() {
        String md = AlertText.chinese().markdown(speedAlert(), "**");
        List<String> rows = md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| --- ")).toList();
        assertEquals(3, rows.size(), md);
        assertTrue(md.contains("\n| --- | --- |"), "a markdown table: " + md);
        assertTrue(rows.get(0).startsWith("| 节点 | 地区 | 运营商 | IP | 状态码 | 总耗时(毫秒) |"), md);
        assertTrue(rows.get(1).startsWith("| 广东佛山[电信] | 广东佛山 | 电信 | 93.184.216.34 | - | 2500.0 |"), rows.get(1));
        assertTrue(rows.get(1).endsWith("| 超时：timed out after 2500 ms |"), rows.get(1));
        assertTrue(rows.get(2).startsWith("| 江苏宿迁[联通] |") && rows.get(2).endsWith("| 正常 |"), rows.get(2));
    }

    @Test
    void theTableSurvivesTheOutboxFile() {
        AlertEvent back = AlertJson.read(AlertJson.write(speedAlert()));
        assertEquals(AlertMail.table(speedAlert()), AlertMail.table(back));
        assertEquals(AlertText.chinese().markdown(speedAlert(), "**"), AlertText.chinese().markdown(back, "**"));
    }

    @Test
    void aTableQueuedByAnEarlierVersionReadsBackHeaderFirst() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode queued = (com.fasterxml.jackson.databind.node.ObjectNode)
                ChannelFixtures.json(AlertJson.write(speedAlert()));
        queued.set("table", ChannelFixtures.json("[[\"Node\",\"Result\"],[\"广东佛山[电信]\",\"timeout: slow\"]]"));
        assertEquals(new Table(List.of("Node", "Result"), List.of(new Table.Row(List.of("广东佛山[电信]", "timeout: slow"),
                false))), AlertMail.table(AlertJson.read(queued.toString())), "read, its rows unmarked");
    }

    @Test
    void everyGroupingChatChannelKeepsEachAlertsReasonAndTable() throws Exception {
        List<AlertEvent> group = List.of(speedAlert(), ChannelFixtures.down());
        String answer = "{\"errcode\":0,\"errmsg\":\"ok\",\"code\":0,\"msg\":\"success\"}";
        try (TestServer dingtalk = TestServer.answering(200, answer); TestServer feishu = TestServer.answering(200, answer);
             TestServer slack = TestServer.answering(200, "ok")) {
            SendContext context = ChannelFixtures.context();
            assertEquals(Delivery.delivered(), new DingTalkSink(dingtalk.url(""), "t", null, List.of(), context).send(group));
            assertEquals(Delivery.delivered(), new FeishuSink(feishu.url(""), "h", null, true, context).send(group));
            assertEquals(Delivery.delivered(), new SlackSink(slack.url(""), "/services/T/B/x", context).send(group));
            Map<String, String> texts = Map.of(
                    "dingtalk", ChannelFixtures.json(dingtalk.requests().get(0).body()).get("markdown").get("text").asText(),
                    "feishu", ChannelFixtures.json(feishu.requests().get(0).body()).get("card").get("elements").get(0)
                            .get("text").get("content").asText(),
                    "slack", ChannelFixtures.json(slack.requests().get(0).body()).get("blocks").get(0).get("text")
                            .get("text").asText());
            texts.forEach((channel, text) -> {
                assertTrue(text.contains("| 广东佛山[电信] | 广东佛山 | 电信 | 93.184.216.34 | - | 2500.0 |"),
                        channel + " keeps the node table: " + text);
                assertTrue(text.contains("2 个节点中 1 个失败：超时") && text.contains("HTTP 500 (expected 200)"),
                        channel + " keeps each reason: " + text);
            });
        }
    }
}
