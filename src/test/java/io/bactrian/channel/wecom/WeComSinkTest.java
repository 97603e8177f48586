package io.bactrian.channel.wecom;

import static io.bactrian.channel.ChannelFixtures.assertNoSecret;
import static io.bactrian.channel.ChannelFixtures.context;
import static io.bactrian.channel.ChannelFixtures.down;
import static io.bactrian.channel.ChannelFixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bactrian.alert.AlertEvent;
import io.bactrian.alert.AlertKind;
import io.bactrian.channel.AlertText;
import io.bactrian.channel.ChannelFixtures;
import io.bactrian.channel.ChannelProperties;
import io.bactrian.channel.ChatTableTest;
import io.bactrian.channel.Delivery;
import io.bactrian.channel.HttpPoster;
import io.bactrian.channel.SendContext;
import io.bactrian.core.CheckResult;
import io.bactrian.probe.Failure;
import io.bactrian.probe.FailureClass;
import io.bactrian.probe.ProbeResult;
import io.bactrian.probe.speedtest.Node;
import io.bactrian.probe.speedtest.NodeResult;
import io.bactrian.probe.speedtest.SpeedReport;
import io.bactrian.probe.speedtest.SpeedRow;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;

class WeComSinkTest {
    private static final String KEY = "693a91f6-7aaa-4bc4-97a0-0ec2sifa5aaa";

    private static Delivery send(TestServer server, SendContext context, AlertEvent e) {
        return new WeComSink(server.url(""), KEY, context).send(e);
    }

    @Test
    void postsMarkdownV2WithTheKeyInTheQuery() throws Exception {
        try (TestServer server = TestServer.answering(200, "{\"errcode\":0,\"errmsg\":\"ok\"}")) {
            assertEquals(Delivery.delivered(), send(server, context(), down()));
            TestServer.Request request = server.requests().get(0);
            assertEquals("POST", request.method());
            assertEquals("/cgi-bin/webhook/send?key=" + KEY, request.target());
            assertEquals("application/json", request.headers().get("content-type"));
            JsonNode body = json(request.body());
            assertEquals("markdown_v2", body.get("msgtype").asText());
            String content = body.get("markdown_v2").get("content").asText();
            assertTrue(content.startsWith("**【告警】web-1：HTTP 500 (expected 200)**\n\n**监控**: web-1\n\n"), content);
            assertTrue(content.contains("**状态**: 故障"), content);
            assertTrue(content.contains("**故障开始**: 2024-05-01 10:00:59 +08:00"), content);
        }
    }

    @Test
    void englishWhenAskedFor() throws Exception {
        try (TestServer server = TestServer.answering(200, "{\"errcode\":0,\"errmsg\":\"ok\"}")) {
            send(server, new SendContext(HttpPoster.defaults(), new AlertText(Locale.ENGLISH, ZoneOffset.UTC),
                    ChannelFixtures.CLOCK), down());
            String content = json(server.requests().get(0).body()).get("markdown_v2").get("content").asText();
            assertTrue(content.startsWith("**[DOWN] web-1: HTTP 500 (expected 200)**\n\n**Monitor**: web-1"), content);
        }
    }

    @Test
    void contentIsCutTo4096Utf8BytesOnACharacterBoundaryWithAMark() throws Exception {
        try (TestServer server = TestServer.answering(200, "{\"errcode\":0,\"errmsg\":\"ok\"}")) {
            send(server, context(), ChannelFixtures.event(AlertKind.DOWN, "告".repeat(2000)));
            String content = json(server.requests().get(0).body()).get("markdown_v2").get("content").asText();
            int bytes = content.getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes <= 4096 && bytes > 4070, "bytes: " + bytes);
            assertTrue(content.endsWith("告……（已截断）"), "no broken character, and a mark: " + content);
        }
    }

    @Test
    void badKeyIsPermanentAndTheKeyIsNotRepeated() throws Exception {
        String answer = "{\"errcode\":93000,\"errmsg\":\"invalid webhook url " + KEY + ", hint: [1710000000_1_abc],"
                + " from ip: 1.2.3.4, more info at https://open.work.weixin.qq.com/devtool/query?e=93000\"}";
        try (TestServer server = TestServer.answering(200, answer)) {
            WeComSink sink = new WeComSink(server.url(""), KEY, context());
            Delivery delivery = sink.send(down());
            assertEquals(Delivery.Outcome.PERMANENT, delivery.outcome());
            assertTrue(delivery.reason().startsWith("errcode 93000: invalid webhook url"), delivery.reason());
            assertNoSecret(delivery, KEY);
            assertNoSecret(sink, KEY);
        }
    }

    @Test
    void tooLongIsPermanent() throws Exception {
        try (TestServer server = TestServer.answering(200,
                "{\"errcode\":40058,\"errmsg\":\"markdown.content exceed max length 4096. invalid Request Parameter\"}")) {
            assertEquals(Delivery.Outcome.PERMANENT, send(server, context(), down()).outcome());
        }
    }

    @Test
    void frequencyLimitIsRetriedAfterAMinute() throws Exception {
        try (TestServer server = TestServer.answering(200, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}")) {
            Delivery delivery = send(server, context(), down());
            assertEquals(Delivery.Outcome.RETRY, delivery.outcome());
            assertEquals(Duration.ofMinutes(1), delivery.retryAfter());
        }
    }

    /** The facts of {@link ChatTableTest#speedAlert()}, one a line, as WeCom's markdown shows them. */
    private static final String SPEED_FACTS = """
            **【告警】shop：2 个节点中 1 个失败：超时**
            **监控**: shop
            **目标**: https://shop.test/
            **状态**: 故障
            **故障类型**: 超时
            **原因**: 2 个节点中 1 个失败：超时
            **时间**: 2026-11-24 10:00:00 +08:00
            **故障开始**: 2026-11-24 10:00:00 +08:00
            **已持续**: 0秒

            """;

    /** Exactly what the robot is sent: {"msgtype":type,type:{"content":content}}. */
    private static String body(String msgtype, String content) throws Exception {
        return "{\"msgtype\":\"" + msgtype + "\",\"" + msgtype + "\":{\"content\":"
                + new ObjectMapper().writeValueAsString(content) + "}}";
    }

    private static List<String> sent(WeComSink.Format format, AlertEvent... events) throws Exception {
        return sent(format, context(), events);
    }

    private static List<String> sent(WeComSink.Format format, SendContext context, AlertEvent... events) throws Exception {
        try (TestServer server = TestServer.answering(200, "{\"errcode\":0,\"errmsg\":\"ok\"}")) {
            WeComSink sink = new WeComSink(server.url(""), KEY, format, context);
            assertEquals(Delivery.delivered(), events.length == 1 ? sink.send(events[0]) : sink.send(List.of(events)));
            return server.requests().stream().map(TestServer.Request::body).toList();
        }
    }

    @Test
    void markdownV2SendsTheNodeTableAsATable() throws Exception {
        // standard markdown joins lines that no blank line parts
        assertEquals(List.of(body("markdown_v2", """
                **【告警】shop：2 个节点中 1 个失败：超时**

                **监控**: shop

                **目标**: https://shop.test/

                **状态**: 故障

                **故障类型**: 超时

                **原因**: 2 个节点中 1 个失败：超时

                **时间**: 2026-11-24 10:00:00 +08:00

                **故障开始**: 2026-11-24 10:00:00 +08:00

                **已持续**: 0秒

                """ + """
                | 节点 | 地区 | 运营商 | IP | 状态码 | 总耗时(毫秒) | DNS(毫秒) | 连接(毫秒) | TLS(毫秒) | 首字节(毫秒) | 下载(毫秒) | 大小(字节) | 结果 |
                | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
                | 广东佛山[电信] | 广东佛山 | 电信 | 93.184.216.34 | - | 2500.0 | - | - | - | - | - | - | 超时：timed out after 2500 ms |
                | 江苏宿迁[联通] | 江苏宿迁 | 联通 | 93.184.216.34 | 200 | 76.0 | 3.0 | 8.0 | 20.0 | 40.0 | 5.0 | 1024 | 正常 |
                """)), sent(WeComSink.Format.MARKDOWN_V2, ChatTableTest.speedAlert()));
    }

    /** The English texts' WeCom content from its node table on. */
    private static String englishTable(WeComSink.Format format, String first) throws Exception {
        SendContext english = new SendContext(context().poster(), new AlertText(Locale.ENGLISH, ZoneOffset.UTC),
                context().clock());
        String content = json(sent(format, english, ChatTableTest.speedAlert()).get(0))
                .get(format == WeComSink.Format.MARKDOWN ? "markdown" : "markdown_v2").get("content").asText();
        return content.substring(content.indexOf(first));
    }

    @Test
    void englishTextsKeepEnglishColumnsInBothFormats() throws Exception {
        assertEquals("""
                | Node | Region | ISP | IP | Status | Total ms | DNS ms | Connect ms | TLS ms | First byte ms | Download ms | Size | Result |
                | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
                | 广东佛山[电信] | 广东佛山 | 电信 | 93.184.216.34 | - | 2500.0 | - | - | - | - | - | - | timeout: timed out after 2500 ms |
                | 江苏宿迁[联通] | 江苏宿迁 | 联通 | 93.184.216.34 | 200 | 76.0 | 3.0 | 8.0 | 20.0 | 40.0 | 5.0 | 1024 | ok |
                """, englishTable(WeComSink.Format.MARKDOWN_V2, "| Node"));
        assertEquals("""
                <font color="warning">广东佛山[电信]</font> timeout: timed out after 2500 ms · Region 广东佛山 · ISP 电信 \
                · IP 93.184.216.34 · Total ms 2500.0
                <font color="info">江苏宿迁[联通]</font> ok · Region 江苏宿迁 · ISP 联通 · IP 93.184.216.34 · Status 200 \
                · Total ms 76.0 · DNS ms 3.0 · Connect ms 8.0 · TLS ms 20.0 · First byte ms 40.0 · Download ms 5.0 · Size 1024
                """, englishTable(WeComSink.Format.MARKDOWN, "<font"));
    }

    @Test
    void markdownSendsOneColouredLinePerNode() throws Exception {
        assertEquals(List.of(body("markdown", SPEED_FACTS + """
                <font color="warning">广东佛山[电信]</font> 超时：timed out after 2500 ms · 地区 广东佛山 · 运营商 电信 \
                · IP 93.184.216.34 · 总耗时(毫秒) 2500.0
                <font color="info">江苏宿迁[联通]</font> 正常 · 地区 江苏宿迁 · 运营商 联通 · IP 93.184.216.34 · 状态码 200 \
                · 总耗时(毫秒) 76.0 · DNS(毫秒) 3.0 · 连接(毫秒) 8.0 · TLS(毫秒) 20.0 · 首字节(毫秒) 40.0 · 下载(毫秒) 5.0 \
                · 大小(字节) 1024
                """)), sent(WeComSink.Format.MARKDOWN, ChatTableTest.speedAlert()));
        assertEquals(WeComSink.Format.MARKDOWN, WeComSink.Format.of("markdown"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> WeComSink.Format.of("html"));
        assertEquals("'html' is not a WeCom format; known: markdown_v2 (tables), markdown (coloured lines)", e.getMessage());
        java.util.Map<String, String> p = java.util.Map.of("channel.wecom.format", "html");
        List<String[]> problems = new WeComChannel().problems(new ChannelProperties("channel.wecom.", k -> p.getOrDefault(k, "")));
        assertEquals(1, problems.size());
        assertEquals("channel.wecom.format", problems.get(0)[0], "validate names the property");
        assertEquals(e.getMessage(), problems.get(0)[1]);
    }

    /** A speed test of {@code n} nodes, every one timing out, each with a long reason. */
    static AlertEvent speedAlert(int n) {
        List<SpeedRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Node node = new Node("n" + i, null, "广东", "佛山" + i, "电信", Node.Kind.LOCAL, null, null, null, null, 1);
            ProbeResult timeout = new ProbeResult(java.net.URI.create("https://shop.test/"), "93.184.216.34", 0, null, 3, 8,
                    20, 0, 0, 2500, 0, false, null, java.util.Map.of(), 0, null,
                    new Failure(FailureClass.TIMEOUT, "ttfb", "timed out after 2500 ms waiting for the first byte"));
            rows.add(new SpeedRow(new NodeResult(node, node.displayName(), timeout), "timeout",
                    List.of("timed out after 2500 ms waiting for the first byte")));
        }
        java.time.Instant at = java.time.Instant.parse("2026-11-24T02:00:00Z");
        String reason = n + " of " + n + " nodes failed: timeout";
        CheckResult r = new CheckResult("shop", "https://shop.test/", at, false, "timeout", reason, "",
                new SpeedReport("https://shop.test/", rows, reason));
        return new AlertEvent(AlertKind.DOWN, "shop", "https://shop.test/", at, at, "timeout", reason, r);
    }

    @Test
    void aLongTableIsCutVisiblyWithin4096BytesInEitherFormat() throws Exception {
        for (WeComSink.Format format : WeComSink.Format.values()) {
            for (List<String> bodies : List.of(sent(format, speedAlert(60)),
                    sent(format, speedAlert(60), ChannelFixtures.down(), speedAlert(30)))) {
                String content = json(bodies.get(0)).get(format.msgtype()).get("content").asText();
                boolean grouped = content.startsWith("**【告警汇总】");
                int bytes = content.getBytes(StandardCharsets.UTF_8).length;
                assertTrue(bytes <= 4096 && bytes > 3900, format + " bytes: " + bytes);
                assertTrue(content.contains("广东佛山0[电信]"), content);
                assertTrue(content.contains("\n\n……（已截断）"), "a visible mark: " + content);
                assertTrue(!grouped || content.contains("**原因**: HTTP 500 (expected 200)"),
                        "every grouped alert's facts: " + content);
            }
        }
    }
}
