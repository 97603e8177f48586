package io.bactrian.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bactrian.api.ApiClient.Reply;
import io.bactrian.testing.Await;
import io.bactrian.testing.CountingTarget;
import io.bactrian.testing.MonitorListProject;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * An incident silenced over real HTTP against the running application, its alerts at a webhook
 * on loopback: silenced until resolved, no reminder goes out while several reminder intervals
 * pass, its RESOLVED does; the next incident is not silenced and reminds; a silence until a time
 * lifted again lets the reminders go out. A viewer's silence is 403, wrong bodies a 400 naming
 * the field, an incident not open 404; who silenced, until when and why are in the audit log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentSilenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin:page-pass-8Rw";
    private static final String PATH = "/api/v1/incidents/flaky/silence";

    private int port;
    private MonitorProcess app;
    private CountingTarget target;
    private TestServer hook;
    private String editorToken;
    private String viewerToken;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        port = MonitorProcess.freePort();
        MonitorListProject.create(dir, port);
        target = new CountingTarget();
        target.answer("/flaky", 500);
        hook = TestServer.answering(200, "ok");
        // a reminder every 2 s while down: a silence that failed would show within a few checks
        MonitorListProject.write(dir, "flaky.yaml", MonitorListProject.everySecond(
                List.of("failure-threshold: 1", "success-threshold: 1", "reminder-interval: 2s"), "flaky",
                target.url("/flaky")));
        Files.copy(MonitorProcess.ROUTES.resolve("monitor-api.yaml"), dir.resolve("routes/monitor-api.yaml"));
        String[] editor = ApiClient.newToken("ci", "editor");
        String[] viewer = ApiClient.newToken("dash", "viewer");
        editorToken = editor[0];
        viewerToken = viewer[0];
        Files.writeString(dir.resolve("users.yaml"), editor[1] + viewer[1].replace("tokens:\n", ""));
        MonitorProcess.setProperty(dir, "status-page.password", ADMIN.substring(ADMIN.indexOf(':') + 1));
        MonitorProcess.setProperty(dir, "alert.channels", "webhook");
        MonitorProcess.setProperty(dir, "channel.webhook.url", hook.url("/hook"));
        MonitorProcess.setProperty(dir, "channel.webhook.template",
                "{\"monitor\":\"${monitor}\",\"kind\":\"${kind}\",\"at\":\"${at}\"}");
        MonitorProcess.setProperty(dir, "channel.poll-delay", "100");
        MonitorProcess.setProperty(dir, "channel.group-wait", "0");
        app = MonitorProcess.start(dir, List.of(), "run");
        if (app.awaitStdout(l -> l.contains("(bactrian) started in"), Duration.ofSeconds(180)).isEmpty()) {
            String out = app.stdoutText();
            app.close();
            throw new AssertionError("not started:\n" + out);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        target.close();
        hook.close();
    }

    private Reply as(String token, String method, String path, String body) throws Exception {
        return new ApiClient(port, null).call(method, path, body, "Authorization", "Bearer " + token);
    }

    /** The alerts the webhook received, in order: kind and the event's time. */
    private List<JsonNode> alerts() {
        return hook.requests().stream().map(r -> {
            try {
                return JSON.readTree(r.body());
            } catch (Exception e) {
                throw new AssertionError("not the template's JSON: " + r.body(), e);
            }
        }).toList();
    }

    private long count(String kind, Instant after) {
        return alerts().stream().filter(a -> kind.equals(a.path("kind").asText())
                && Instant.parse(a.path("at").asText()).isAfter(after)).count();
    }

    private JsonNode incident() throws Exception {
        JsonNode list = new ApiClient(port, ADMIN).get("/api/v1/incidents").json();
        assertEquals(1, list.size(), list.toString());
        return list.get(0);
    }

    private static void assertRefused(Reply reply, int status, String field) throws Exception {
        assertEquals(status, reply.status(), reply.toString());
        String message = reply.json().path("message").asText();
        assertFalse(message.isBlank(), reply.toString());
        assertFalse(message.contains("\n"), "one line: " + reply);
        if (field != null) {
            assertEquals(field, reply.json().path("field").asText(), reply.toString());
        }
    }

    /** Waits until the monitor was checked {@code n} more times: that many reminder chances. */
    private void awaitChecks(int n) throws InterruptedException {
        int from = target.requests("/flaky");
        Await.until(n + " more checks", 120_000, () -> target.requests("/flaky") >= from + n);
    }

    @Test
    void silencedUntilResolvedSendsNoReminderButTheResolved() throws Exception {
        Instant start = Instant.EPOCH;
        Await.until("the DOWN at the webhook", 120_000, () -> count("DOWN", start) == 1);
        assertTrue(incident().path("silence").isNull(), incident().toString());

        // a viewer may not; wrong bodies are 400 at their field; no open incident is 404
        assertRefused(as(viewerToken, "POST", PATH, "{\"untilResolved\": true}"), 403, null);
        assertRefused(as(viewerToken, "DELETE", PATH, null), 403, null);
        assertRefused(as(editorToken, "POST", PATH, "{\"until\": \"2020-01-01T00:00:00Z\"}"), 400, "until");
        assertRefused(as(editorToken, "POST", PATH, "{\"until\": 1765000000}"), 400, "until");
        assertRefused(as(editorToken, "POST", PATH, "{\"until\": \"tomorrow\"}"), 400, "until");
        assertRefused(as(editorToken, "POST", PATH, "{\"untilResolved\": \"yes\"}"), 400, "untilResolved");
        assertRefused(as(editorToken, "POST", PATH, "{}"), 400, "until");
        assertRefused(as(editorToken, "POST", PATH, "{\"untilResolved\": true, \"until\": \"2099-01-01T00:00:00Z\"}"),
                400, "until");
        assertRefused(as(editorToken, "POST", PATH, "{\"untilResolved\": true, \"by\": \"me\"}"), 400, "by");
        assertRefused(as(editorToken, "POST", PATH, "{\"untilResolved\": true, \"comment\": 7}"), 400, "comment");
        assertRefused(as(editorToken, "POST", "/api/v1/incidents/nobody/silence", "{\"untilResolved\": true}"), 404, null);
        assertTrue(incident().path("silence").isNull(), incident().toString());

        Reply silenced = as(editorToken, "POST", PATH, "{\"untilResolved\": true, \"comment\": \"db migration\"}");
        assertEquals(200, silenced.status(), silenced.toString());
        JsonNode silence = incident().path("silence");
        assertEquals("ci", silence.path("by").asText(), silence.toString());
        assertTrue(silence.path("until").isNull(), silence.toString());
        assertEquals("db migration", silence.path("comment").asText());
        Instant at = Instant.parse(silence.path("at").asText());

        // three reminder intervals pass: no reminder; then the monitor recovers and the RESOLVED goes out
        awaitChecks(6);
        target.answer("/flaky", 200);
        Await.until("the RESOLVED at the webhook", 120_000, () -> count("RESOLVED", start) == 1);
        assertEquals(0, count("REMINDER", at), alerts().toString());

        // the next incident is not silenced, and reminds
        Instant resolved = Instant.now();
        target.answer("/flaky", 500);
        Await.until("the second DOWN", 120_000, () -> count("DOWN", resolved) == 1);
        assertTrue(incident().path("silence").isNull(), incident().toString());
        Await.until("a reminder of the second incident", 120_000, () -> count("REMINDER", resolved) > 0);

        // silenced until a time, then lifted: reminders again
        Reply until = as(editorToken, "POST", PATH, "{\"until\": \"" + Instant.now().plus(Duration.ofHours(1)) + "\"}");
        assertEquals(200, until.status(), until.toString());
        assertFalse(until.json().path("silence").path("until").isNull(), until.toString());
        Reply lifted = as(editorToken, "DELETE", PATH, null);
        assertEquals(200, lifted.status(), lifted.toString());
        assertTrue(lifted.json().path("silence").isNull(), lifted.toString());
        Instant unsilenced = Instant.now();
        Await.until("a reminder after the silence was lifted", 120_000, () -> count("REMINDER", unsilenced) > 0);

        // the audit log: who silenced, until when, why; the viewer's refusal too
        JsonNode audit = new ApiClient(port, ADMIN).get("/api/v1/audit?target=flaky").json();
        String entries = audit.toString();
        assertTrue(entries.contains("\"user\":\"ci\""), entries);
        assertTrue(entries.contains("\"silence\":\"until resolved\""), entries);
        assertTrue(entries.contains("\"comment\":\"db migration\""), entries);
        assertTrue(entries.contains("\"user\":\"dash\""), entries);
        assertTrue(entries.contains("\"status\":403"), entries);
        assertTrue(entries.contains("\"method\":\"DELETE\""), entries);
    }
}
