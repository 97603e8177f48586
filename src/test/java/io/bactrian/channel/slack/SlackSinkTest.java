package io.bactrian.channel.slack;

import static io.bactrian.channel.ChannelFixtures.assertNoSecret;
import static io.bactrian.channel.ChannelFixtures.context;
import static io.bactrian.channel.ChannelFixtures.down;
import static io.bactrian.channel.ChannelFixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.bactrian.channel.Delivery;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;

class SlackSinkTest {
    private static final String PATH = "/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";

    @Test
    void blocksWithFallbackText() throws Exception {
        try (TestServer server = TestServer.answering(200, "ok", "Content-Type: text/plain")) {
            assertEquals(Delivery.delivered(), new SlackSink(server.url(""), PATH, context()).send(down()));
            TestServer.Request request = server.requests().get(0);
            assertEquals("POST", request.method());
            assertEquals(PATH, request.target());
            assertEquals("application/json", request.headers().get("content-type"));
            JsonNode body = json(request.body());
            assertEquals("【告警】web-1：HTTP 500 (expected 200)", body.get("text").asText());
            JsonNode section = body.get("blocks").get(0);
            assertEquals("section", section.get("type").asText());
            assertEquals("mrkdwn", section.get("text").get("type").asText());
            assertTrue(section.get("text").get("text").asText().startsWith("*【告警】web-1：HTTP 500 (expected 200)*\n*监控*: web-1"));
        }
    }

    @Test
    void rateLimitIsRetriedAfterRetryAfter() throws Exception {
        try (TestServer server = TestServer.answering(429, "{\"ok\":false,\"error\":\"rate_limited\"}", "Retry-After: 3")) {
            Delivery delivery = new SlackSink(server.url(""), PATH, context()).send(down());
            assertEquals(Delivery.Outcome.RETRY, delivery.outcome());
            assertEquals(Duration.ofSeconds(3), delivery.retryAfter());
        }
    }

    @Test
    void revokedWebhookIsPermanent() throws Exception {
        try (TestServer server = TestServer.answering(404, "no_team", "Content-Type: text/plain")) {
            SlackSink sink = new SlackSink(server.url(""), PATH, context());
            Delivery delivery = sink.send(down());
            assertEquals(Delivery.permanent("HTTP 404: no_team"), delivery);
            assertNoSecret(sink, "XXXXXXXXXXXXXXXXXXXXXXXX");
        }
    }

    @Test
    void serverErrorIsRetried() throws Exception {
        try (TestServer server = TestServer.answering(503, "")) {
            assertEquals(Delivery.retry("HTTP 503"), new SlackSink(server.url(""), PATH, context()).send(down()));
        }
    }
}
