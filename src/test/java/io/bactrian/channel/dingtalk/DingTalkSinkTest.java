package io.bactrian.channel.dingtalk;

import static io.bactrian.channel.ChannelFixtures.assertNoSecret;
import static io.bactrian.channel.ChannelFixtures.base64;
import static io.bactrian.channel.ChannelFixtures.context;
import static io.bactrian.channel.ChannelFixtures.down;
import static io.bactrian.channel.ChannelFixtures.hmacSha256;
import static io.bactrian.channel.ChannelFixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.bactrian.channel.ChannelFixtures;
import io.bactrian.channel.Delivery;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;

class DingTalkSinkTest {
    private static final String TOKEN = "a1b2c3d4e5f6access0token";
    private static final String SECRET = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final String OK = "{\"errcode\":0,\"errmsg\":\"ok\"}";

    private static DingTalkSink sink(TestServer server, String secret) {
        return new DingTalkSink(server.url(""), TOKEN, secret, List.of("13800001111"), context());
    }

    @Test
    void signedMarkdownWithMention() throws Exception {
        try (TestServer server = TestServer.answering(200, OK)) {
            assertEquals(Delivery.delivered(), sink(server, SECRET).send(down()));
            TestServer.Request request = server.requests().get(0);
            assertEquals("POST", request.method());
            long timestamp = ChannelFixtures.NOW.toEpochMilli();
            String sign = URLEncoder.encode(base64(hmacSha256(SECRET, timestamp + "\n" + SECRET)),
                    StandardCharsets.UTF_8);
            assertEquals("/robot/send?access_token=" + TOKEN + "&timestamp=" + timestamp + "&sign=" + sign,
                    request.target());
            assertEquals("application/json;charset=utf-8", request.headers().get("content-type"));
            JsonNode body = json(request.body());
            assertEquals("markdown", body.get("msgtype").asText());
            assertEquals("【告警】web-1：HTTP 500 (expected 200)", body.get("markdown").get("title").asText());
            String text = body.get("markdown").get("text").asText();
            assertTrue(text.startsWith("**【告警】web-1：HTTP 500 (expected 200)**\n\n**监控**: web-1"), text);
            assertTrue(text.endsWith("@13800001111"), text);
            assertEquals("13800001111", body.get("at").get("atMobiles").get(0).asText());
            assertFalse(body.get("at").get("isAtAll").asBoolean());
        }
    }

    @Test
    void unsignedRobotGetsNoTimestampOrSign() throws Exception {
        try (TestServer server = TestServer.answering(200, OK)) {
            sink(server, null).send(down());
            assertEquals("/robot/send?access_token=" + TOKEN, server.requests().get(0).target());
        }
    }

    @Test
    void signatureMismatchIsPermanent() throws Exception {
        try (TestServer server = TestServer.answering(200, "{\"errcode\":310000,\"errmsg\":\"description:机器人发送签名不匹配;"
                + "solution:请确认签名和生成签名的时间戳必须都放在调用的网址中\"}")) {
            DingTalkSink sink = sink(server, SECRET);
            Delivery delivery = sink.send(down());
            assertEquals(Delivery.Outcome.PERMANENT, delivery.outcome());
            assertTrue(delivery.reason().startsWith("errcode 310000"), delivery.reason());
            assertNoSecret(delivery, SECRET, TOKEN);
            assertNoSecret(sink, SECRET, TOKEN);
        }
    }

    @Test
    void tooFastIsRetriedAfterTheTenMinutePenalty() throws Exception {
        try (TestServer server = TestServer.answering(200,
                "{\"errcode\":130101,\"errmsg\":\"send too fast, exceed 20 times per minute\"}")) {
            Delivery delivery = sink(server, SECRET).send(down());
            assertEquals(Delivery.Outcome.RETRY, delivery.outcome());
            assertEquals(Duration.ofMinutes(10), delivery.retryAfter());
        }
    }

    @Test
    void unknownTokenIsPermanent() throws Exception {
        try (TestServer server = TestServer.answering(200, "{\"errcode\":300001,\"errmsg\":\"token is not exist\"}")) {
            assertEquals(Delivery.Outcome.PERMANENT, sink(server, SECRET).send(down()).outcome());
        }
    }
}
