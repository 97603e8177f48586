package io.bactrian.channel.webhook;

import static io.bactrian.channel.ChannelFixtures.assertNoSecret;
import static io.bactrian.channel.ChannelFixtures.context;
import static io.bactrian.channel.ChannelFixtures.down;
import static io.bactrian.channel.ChannelFixtures.hex;
import static io.bactrian.channel.ChannelFixtures.hmacSha256;
import static io.bactrian.channel.ChannelFixtures.json;
import static io.bactrian.channel.ChannelFixtures.resolved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.bactrian.alert.AlertEvent;
import io.bactrian.alert.AlertKind;
import io.bactrian.channel.ChannelFixtures;
import io.bactrian.channel.Delivery;
import io.bactrian.channel.alertmanager.AlertmanagerSink;
import io.bactrian.core.CheckResult;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;

class WebhookSinkTest {
    private static final String SECRET = "whsec-0123456789";
    private static final String TOKEN = "Bearer t0ken-abc";

    private static WebhookSink defaultSink(String url) {
        return new WebhookSink(url, "POST", Map.of(), WebhookSink.DEFAULT_TEMPLATE, null, context());
    }

    @Test
    void defaultBodyHasTheAlertmanagerWebhookShape() throws Exception {
        try (TestServer server = TestServer.answering(200, "")) {
            assertEquals(Delivery.delivered(), defaultSink(server.url("/hook")).send(down()));
            defaultSink(server.url("/hook")).send(resolved());
            TestServer.Request firing = server.requests().get(0);
            assertEquals("POST", firing.method());
            assertEquals("/hook", firing.target());
            assertEquals("application/json", firing.headers().get("content-type"));
            JsonNode body = json(firing.body());
            assertEquals("4", body.get("version").asText());
            assertEquals("firing", body.get("status").asText());
            JsonNode alert = body.get("alerts").get(0);
            assertEquals("web-1", alert.get("labels").get("monitor").asText());
            assertEquals("2024-05-01T02:00:59Z", alert.get("startsAt").asText());
            assertEquals("0001-01-01T00:00:00Z", alert.get("endsAt").asText());
            assertEquals("HTTP 500 (expected 200)", alert.get("annotations").get("reason").asText());

            JsonNode resolvedAlert = json(server.requests().get(1).body()).get("alerts").get(0);
            assertEquals("resolved", resolvedAlert.get("status").asText());
            assertEquals("2024-05-01T02:03:04Z", resolvedAlert.get("endsAt").asText());
        }
    }

    @Test
    void userTemplateMethodHeadersAndSignature() throws Exception {
        try (TestServer server = TestServer.answering(204, "")) {
            WebhookSink sink = new WebhookSink(server.url("/alerts"), "PUT", Map.of("Authorization", TOKEN),
                    "{\"msg\":\"${title}\",\"why\":\"${reason}\",\"for\":${downForSeconds}}", SECRET, context());
            assertEquals(Delivery.delivered(), sink.send(ChannelFixtures.event(AlertKind.DOWN, "bad \"body\"\nline 2")));
            TestServer.Request request = server.requests().get(0);
            assertEquals("PUT", request.method());
            assertEquals(TOKEN, request.headers().get("authorization"));
            JsonNode body = json(request.body());
            assertEquals("bad \"body\"\nline 2", body.get("why").asText());
            assertEquals(125, body.get("for").asInt());
            String timestamp = Long.toString(ChannelFixtures.NOW.getEpochSecond());
            assertEquals(timestamp, request.headers().get("x-signature-timestamp"));
            assertEquals("sha256=" + hex(hmacSha256(SECRET, timestamp + "." + request.body())),
                    request.headers().get("x-signature"));
            assertNoSecret(sink, SECRET, TOKEN);
        }
    }

    @Test
    void clientErrorIsPermanentServerErrorRetried() throws Exception {
        try (TestServer server = TestServer.answering(400, "bad")) {
            assertEquals(Delivery.permanent("HTTP 400"), defaultSink(server.url("/")).send(down()));
        }
        try (TestServer server = TestServer.answering(502, "")) {
            assertEquals(Delivery.retry("HTTP 502"), defaultSink(server.url("/")).send(down()));
        }
    }

    @Test
    void silenceIsRetriedAsATimeout() throws Exception {
        try (TestServer server = TestServer.http((request, out) -> Thread.sleep(10_000))) {
            assertEquals(Delivery.retry("timed out"), defaultSink(server.url("/")).send(down()));
        }
    }

    @Test
    void refusedConnectionIsRetried() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertEquals(Delivery.Outcome.RETRY, defaultSink("http://127.0.0.1:" + port + "/").send(down()).outcome());
    }

    @Test
    void unknownPlaceholderIsRefusedUpFront() {
        assertThrows(IllegalArgumentException.class, () -> new WebhookSink("http://127.0.0.1/", "POST", Map.of(),
                "{\"x\":\"${nope}\"}", null, context()));
    }

    @Test
    void aNoticeIsNewsWithTheAlertmanagerChannelsLabelsAndEnds() throws Exception {
        AlertEvent notice = new AlertEvent(AlertKind.NOTICE, "novel", "https://novel.test/b/1", ChannelFixtures.NOW, null,
                null, "1 new: Chapter 12", new CheckResult("novel", "https://novel.test/b/1", ChannelFixtures.NOW, true,
                        null, null, "", null));
        try (TestServer webhook = TestServer.answering(200, ""); TestServer alertmanager = TestServer.answering(200, "")) {
            assertEquals(Delivery.delivered(), defaultSink(webhook.url("/hook")).send(notice));
            assertEquals(Delivery.delivered(),
                    new AlertmanagerSink(alertmanager.url(""), Map.of(), Map.of(), Duration.ofMinutes(4), context()).send(notice));
            JsonNode body = json(webhook.requests().get(0).body());
            JsonNode alert = body.get("alerts").get(0);
            JsonNode posted = json(alertmanager.requests().get(0).body()).get(0);
            assertEquals(json("{\"alertname\":\"MonitorNotice\",\"monitor\":\"novel\"}"), alert.get("labels"));
            assertEquals(posted.get("labels"), alert.get("labels"), "the same labels on both channels");
            assertEquals(alert.get("labels"), body.get("commonLabels"));
            assertEquals("firing", alert.get("status").asText());
            assertEquals("2024-05-01T02:03:04Z", alert.get("startsAt").asText());
            // as Alertmanager ends a notice after its default resolve_timeout
            assertEquals("2024-05-01T02:08:04Z", alert.get("endsAt").asText(), "a notice ends");
            assertEquals("【通知】novel：1 new: Chapter 12", alert.get("annotations").get("summary").asText());
        }
        // an outage keeps its name
        try (TestServer webhook = TestServer.answering(200, "")) {
            defaultSink(webhook.url("/hook")).send(down());
            assertEquals("MonitorDown", json(webhook.requests().get(0).body()).get("alerts").get(0).get("labels")
                    .get("alertname").asText());
        }
    }
}
