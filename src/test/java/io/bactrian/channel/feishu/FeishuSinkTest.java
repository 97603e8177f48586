package io.bactrian.channel.feishu;

import static io.bactrian.channel.ChannelFixtures.assertNoSecret;
import static io.bactrian.channel.ChannelFixtures.base64;
import static io.bactrian.channel.ChannelFixtures.context;
import static io.bactrian.channel.ChannelFixtures.down;
import static io.bactrian.channel.ChannelFixtures.hmacSha256;
import static io.bactrian.channel.ChannelFixtures.json;
import static io.bactrian.channel.ChannelFixtures.resolved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bactrian.channel.ChannelFixtures;
import io.bactrian.channel.Delivery;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;

class FeishuSinkTest {
    private static final String HOOK = "2f0d3a7e-1111-4c1c-9a5e-6b0f8d2c9e11";
    private static final String SECRET = "demo-secret";
    private static final String OK = "{\"StatusCode\":0,\"StatusMessage\":\"success\",\"code\":0,\"data\":{},\"msg\":\"success\"}";

    private static FeishuSink sink(TestServer server, String secret, boolean card) {
        return new FeishuSink(server.url(""), HOOK, secret, card, context());
    }

    @Test
    void signedText() throws Exception {
        try (TestServer server = TestServer.answering(200, OK)) {
            assertEquals(Delivery.delivered(), sink(server, SECRET, false).send(down()));
            TestServer.Request request = server.requests().get(0);
            assertEquals("POST", request.method());
            assertEquals("/open-apis/bot/v2/hook/" + HOOK, request.target());
            assertEquals("application/json", request.headers().get("content-type"));
            JsonNode body = json(request.body());
            long timestamp = ChannelFixtures.NOW.getEpochSecond();
            assertEquals(Long.toString(timestamp), body.get("timestamp").asText());
            // the key is timestamp\nsecret and the message empty
            assertEquals(base64(hmacSha256(timestamp + "\n" + SECRET, "")), body.get("sign").asText());
            assertEquals("text", body.get("msg_type").asText());
            String text = body.get("content").get("text").asText();
            assertTrue(text.startsWith("【告警】web-1：HTTP 500 (expected 200)\n监控: web-1\n"), text);
        }
    }

    @Test
    void unsignedCardGoesGreenWhenResolved() throws Exception {
        try (TestServer server = TestServer.answering(200, "{\"Extra\":null,\"StatusCode\":0,\"StatusMessage\":\"success\"}")) {
            assertEquals(Delivery.delivered(), sink(server, null, true).send(resolved()));
            JsonNode body = json(server.requests().get(0).body());
            assertFalse(body.has("sign"));
            assertFalse(body.has("timestamp"));
            assertEquals("interactive", body.get("msg_type").asText());
            JsonNode header = body.get("card").get("header");
            assertEquals("green", header.get("template").asText());
            assertEquals("plain_text", header.get("title").get("tag").asText());
            assertEquals("【恢复】web-1 已恢复，故障时长 2分5秒", header.get("title").get("content").asText());
            JsonNode div = body.get("card").get("elements").get(0);
            assertEquals("lark_md", div.get("text").get("tag").asText());
            assertTrue(div.get("text").get("content").asText().startsWith("**监控**: web-1"));
        }
    }

    @Test
    void badSignatureIsPermanent() throws Exception {
        try (TestServer server = TestServer.answering(200,
                "{\"code\":19021,\"data\":{},\"msg\":\"sign match fail or timestamp is not within one hour from current time\"}")) {
            FeishuSink sink = sink(server, SECRET, false);
            Delivery delivery = sink.send(down());
            assertEquals(Delivery.Outcome.PERMANENT, delivery.outcome());
            assertTrue(delivery.reason().startsWith("code 19021"), delivery.reason());
            assertNoSecret(delivery, SECRET, HOOK);
            assertNoSecret(sink, SECRET, HOOK);
        }
    }

    @Test
    void throttlingIsRetriedEvenAsHttp400() throws Exception {
        try (TestServer server = TestServer.answering(400, "{\"code\":9499,\"msg\":\"too many request\",\"data\":{}}")) {
            assertEquals(Delivery.Outcome.RETRY, sink(server, SECRET, false).send(down()).outcome());
        }
        try (TestServer server = TestServer.answering(200, "{\"code\":11232,\"msg\":\"frequency limited\",\"data\":{}}")) {
            assertEquals(Delivery.Outcome.RETRY, sink(server, SECRET, false).send(down()).outcome());
        }
    }

    @Test
    void missingKeywordIsPermanent() throws Exception {
        try (TestServer server = TestServer.answering(200, "{\"code\":19024,\"msg\":\"Key Words Not Found\"}")) {
            assertEquals(Delivery.Outcome.PERMANENT, sink(server, SECRET, false).send(down()).outcome());
        }
    }
}
