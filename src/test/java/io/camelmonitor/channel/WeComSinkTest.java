package io.camelmonitor.channel;

import static io.camelmonitor.channel.ChannelFixtures.assertNoSecret;
import static io.camelmonitor.channel.ChannelFixtures.context;
import static io.camelmonitor.channel.ChannelFixtures.down;
import static io.camelmonitor.channel.ChannelFixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelmonitor.alert.AlertEvent;
import io.camelmonitor.alert.AlertKind;
import io.camelmonitor.testing.TestServer;
import org.junit.jupiter.api.Test;

class WeComSinkTest {
    private static final String KEY = "693a91f6-7aaa-4bc4-97a0-0ec2sifa5aaa";

    private static Delivery send(TestServer server, SendContext context, AlertEvent e) {
        return new WeComSink(server.url(""), KEY, context).send(e);
    }

    @Test
    void postsMarkdownWithTheKeyInTheQuery() throws Exception {
        try (TestServer server = TestServer.answering(200, "{\"errcode\":0,\"errmsg\":\"ok\"}")) {
            assertEquals(Delivery.delivered(), send(server, context(), down()));
            TestServer.Request request = server.requests().get(0);
            assertEquals("POST", request.method());
            assertEquals("/cgi-bin/webhook/send?key=" + KEY, request.target());
            assertEquals("application/json", request.headers().get("content-type"));
            JsonNode body = json(request.body());
            assertEquals("markdown", body.get("msgtype").asText());
            String content = body.get("markdown").get("content").asText();
            assertTrue(content.startsWith("**【告警】web-1：HTTP 500 (expected 200)**\n**监控**: web-1\n"), content);
            assertTrue(content.contains("**状态**: 故障"), content);
            assertTrue(content.contains("**故障开始**: 2024-05-01 10:00:59 +08:00"), content);
        }
    }

    @Test
    void englishWhenAskedFor() throws Exception {
        try (TestServer server = TestServer.answering(200, "{\"errcode\":0,\"errmsg\":\"ok\"}")) {
            send(server, new SendContext(HttpPoster.defaults(), new AlertText(Locale.ENGLISH, ZoneOffset.UTC),
                    ChannelFixtures.CLOCK), down());
            String content = json(server.requests().get(0).body()).get("markdown").get("content").asText();
            assertTrue(content.startsWith("**[DOWN] web-1: HTTP 500 (expected 200)**\n**Monitor**: web-1"), content);
        }
    }

    @Test
    void contentIsCutTo4096Utf8BytesOnACharacterBoundary() throws Exception {
        try (TestServer server = TestServer.answering(200, "{\"errcode\":0,\"errmsg\":\"ok\"}")) {
            send(server, context(), ChannelFixtures.event(AlertKind.DOWN, "告".repeat(2000)));
            String content = json(server.requests().get(0).body()).get("markdown").get("content").asText();
            int bytes = content.getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes <= 4096 && bytes > 4090, "bytes: " + bytes);
            assertTrue(content.endsWith("告"), "no broken character at the end");
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
}
