package io.bactrian.channel.alertmanager;

import static io.bactrian.channel.ChannelFixtures.context;
import static io.bactrian.channel.ChannelFixtures.down;
import static io.bactrian.channel.ChannelFixtures.json;
import static io.bactrian.channel.ChannelFixtures.resolved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.bactrian.channel.Delivery;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;

class AlertmanagerSinkTest {

    private static AlertmanagerSink sink(TestServer server) {
        return new AlertmanagerSink(server.url(""), Map.of("severity", "critical"), Map.of(), Duration.ofMinutes(4),
                context());
    }

    @Test
    void firingAlertEndsUnlessPostedAgain() throws Exception {
        try (TestServer server = TestServer.answering(200, "")) {
            assertEquals(Delivery.delivered(), sink(server).send(down()));
            TestServer.Request request = server.requests().get(0);
            assertEquals("POST", request.method());
            assertEquals("/api/v2/alerts", request.target());
            assertEquals("application/json", request.headers().get("content-type"));
            JsonNode alerts = json(request.body());
            assertEquals(1, alerts.size());
            JsonNode alert = alerts.get(0);
            assertEquals("MonitorDown", alert.get("labels").get("alertname").asText());
            assertEquals("web-1", alert.get("labels").get("monitor").asText());
            assertEquals("critical", alert.get("labels").get("severity").asText());
            assertEquals("【告警】web-1：HTTP 500 (expected 200)", alert.get("annotations").get("summary").asText());
            assertEquals("https://shop.example.com/health", alert.get("annotations").get("target").asText());
            assertEquals("2024-05-01T02:00:59Z", alert.get("startsAt").asText());
            assertEquals("2024-05-01T02:07:04Z", alert.get("endsAt").asText(), "four minutes after the post");
        }
    }

    @Test
    void resolvedAlertEndsNowWithTheSameLabels() throws Exception {
        try (TestServer server = TestServer.answering(200, "")) {
            sink(server).send(down());
            sink(server).send(resolved());
            JsonNode firing = json(server.requests().get(0).body()).get(0);
            JsonNode ended = json(server.requests().get(1).body()).get(0);
            assertEquals(firing.get("labels"), ended.get("labels"));
            assertEquals("2024-05-01T02:00:59Z", ended.get("startsAt").asText());
            assertEquals("2024-05-01T02:03:04Z", ended.get("endsAt").asText());
            assertFalse(ended.get("annotations").has("reason"));
        }
    }

    @Test
    void validationErrorIsPermanentServerErrorRetried() throws Exception {
        try (TestServer server = TestServer.answering(400, "\"start time must be before end time\"")) {
            Delivery delivery = sink(server).send(down());
            assertEquals(Delivery.Outcome.PERMANENT, delivery.outcome());
            assertTrue(delivery.reason().contains("start time must be before end time"));
        }
        try (TestServer server = TestServer.answering(500, "boom")) {
            assertEquals(Delivery.Outcome.RETRY, sink(server).send(down()).outcome());
        }
    }
}
