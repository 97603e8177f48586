package io.bactrian.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.bactrian.api.ApiClient.Reply;
import io.bactrian.auth.PasswordHashes;
import io.bactrian.testing.MonitorListProject;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/v1/channels} of the running application (one process for the class), over real
 * HTTP: the channels listed with their secrets masked; a test alert sent through the webhook to
 * a loopback receiver and through mail to a real SMTP server, answering what each said, a
 * refusal with the receiver's status and body, an unreachable server in one line; nothing
 * queued; a viewer refused and audited, an unknown channel 404. No answer and no log line holds a secret.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelTestApiTest {
    private static final String VIEWER = "vera:vera-pass-7Qx";
    private static final String EDITOR = "eddie:eddie-pass-9Zr";
    private static final String ADMIN = "ada:ada-pass-3Kw";
    private static final String KEY = "hook-key-Xw93kLq0";
    private static final String TOKEN = "bearer-tok-Pz71Rm";
    private static final String MAIL_PASSWORD = "mail-pw-Ty55Nc";

    private MonitorProcess app;
    private TestServer receiver;
    /** What the receiver answers now. */
    private final AtomicInteger status = new AtomicInteger(200);
    private int port;
    private int smtpPort;
    private final List<ApiClient> clients = new ArrayList<>();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        port = MonitorProcess.freePort();
        smtpPort = MonitorProcess.freePort();
        MonitorListProject.create(dir, port);
        // a receiver that says what it got: the refusal names the Authorization it was sent, as some do
        receiver = TestServer.http((request, out) -> TestServer.respond(out, status.get(), status.get() == 200
                ? "{\"ok\":true,\"id\":\"r-17\"}" : "receiver broke: bad " + request.headers().get("authorization")
                + " for " + request.target(), "Connection: close"));
        MonitorListProject.write(dir, "a.yaml", """
                defaults:
                  kind: http
                  cron: "0 0 3 1 1 ?"
                monitors:
                  - id: alpha
                    url: "%s"
                """.formatted(receiver.url("/alpha")));
        Files.copy(MonitorProcess.ROUTES.resolve("monitor-api.yaml"), dir.resolve("routes/monitor-api.yaml"));
        MonitorProcess.setProperty(dir, "channel.webhook.url", receiver.url("/hook?key=" + KEY));
        MonitorProcess.setProperty(dir, "channel.webhook.headers", "Authorization: Bearer " + TOKEN);
        MonitorProcess.setProperty(dir, "mail.host", "127.0.0.1");
        MonitorProcess.setProperty(dir, "mail.port", String.valueOf(smtpPort));
        MonitorProcess.setProperty(dir, "mail.security", "none");
        MonitorProcess.setProperty(dir, "mail.username", "alerts");
        MonitorProcess.setProperty(dir, "mail.password", MAIL_PASSWORD);
        MonitorProcess.setProperty(dir, "mail.from", "alerts@bactrian.test");
        MonitorProcess.setProperty(dir, "mail.to", "ops@bactrian.test");
        MonitorProcess.setProperty(dir, "mail.timeout", "5000");
        Files.writeString(dir.resolve("users.yaml"), "users:\n" + user(VIEWER, "viewer") + user(EDITOR, "editor")
                + user(ADMIN, "admin"));
        app = MonitorProcess.start(dir, List.of(), "run");
        if (app.awaitStdout(l -> l.contains("(bactrian) started in"), Duration.ofSeconds(180)).isEmpty()) {
            throw new AssertionError("not started:\n" + app.stdoutText());
        }
    }

    private static String user(String login, String role) {
        return "  - name: " + login.substring(0, login.indexOf(':')) + "\n    role: " + role + "\n    password-hash: \""
                + PasswordHashes.hash(login.substring(login.indexOf(':') + 1)) + "\"\n";
    }

    @AfterAll
    void stop() throws Exception {
        try {
            List<String> secrets = List.of(KEY, TOKEN, MAIL_PASSWORD, VIEWER.split(":")[1], EDITOR.split(":")[1],
                    ADMIN.split(":")[1]);
            for (ApiClient c : clients) {
                for (String answer : c.answers) {
                    for (String secret : secrets) {
                        assertFalse(answer.contains(secret), "a secret in an answer: " + answer);
                    }
                }
            }
            String log = app.stdoutText() + app.stderr().stream().map(MonitorProcess.Line::text).toList();
            for (String secret : secrets) {
                assertFalse(log.contains(secret), "a secret in the log: " + secret);
            }
        } finally {
            app.close();
            receiver.close();
        }
    }

    private ApiClient as(String login) {
        ApiClient client = new ApiClient(port, login);
        clients.add(client);
        return client;
    }

    private static JsonNode channel(JsonNode list, String name) {
        for (JsonNode c : list) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no channel " + name + " in " + list);
    }

    @Test
    void theChannelsAreListedWithTheirSecretsMasked() throws Exception {
        Reply reply = as(VIEWER).call("GET", "/api/v1/channels", null);
        assertEquals(200, reply.status(), reply.toString());
        JsonNode webhook = channel(reply.json(), "webhook");
        assertTrue(webhook.path("enabled").asBoolean(), webhook.toString());
        assertEquals("******", webhook.path("settings").path("channel.webhook.url").asText(), webhook.toString());
        assertEquals("******", webhook.path("settings").path("channel.webhook.headers").asText(), webhook.toString());
        JsonNode mail = channel(reply.json(), "mail");
        assertEquals("127.0.0.1", mail.path("settings").path("mail.host").asText(), mail.toString());
        assertEquals("******", mail.path("settings").path("mail.password").asText(), mail.toString());
        JsonNode wecom = channel(reply.json(), "wecom");
        assertFalse(wecom.path("enabled").asBoolean(), wecom.toString());
        assertEquals("channel.wecom.key is not set", wecom.path("problem").asText(), wecom.toString());
    }

    @Test
    void aTestThroughTheWebhookAnswersWhatTheReceiverSaidAndQueuesNothing() throws Exception {
        status.set(200);
        int before = receiver.requests().size();
        Reply reply = as(EDITOR).call("POST", "/api/v1/channels/webhook/test", null);
        assertEquals(200, reply.status(), reply.toString());
        assertTrue(reply.json().path("delivered").asBoolean(), reply.toString());
        assertEquals("HTTP 200: {\"ok\":true,\"id\":\"r-17\"}", reply.json().path("answer").asText());
        TestServer.Request got = receiver.requests().get(before);
        assertEquals("POST", got.method());
        assertEquals("/hook?key=" + KEY, got.target());
        assertEquals("Bearer " + TOKEN, got.headers().get("authorization"));
        assertTrue(got.body().contains("[TEST] bactrian"), got.body());
        assertEquals(before + 1, receiver.requests().size(), "sent once");
        // past the queue: nothing waits in it, nothing was refused
        JsonNode alerts = as(VIEWER).call("GET", "/api/v1/alerts", null).json();
        assertEquals(0, alerts.path("alerts").size(), alerts.toString());
    }

    @Test
    void aRefusalShowsTheReceiversStatusAndBodyWithoutTheSecrets() throws Exception {
        status.set(500);
        try {
            Reply reply = as(EDITOR).call("POST", "/api/v1/channels/webhook/test", null);
            assertEquals(200, reply.status(), reply.toString());
            assertFalse(reply.json().path("delivered").asBoolean(), reply.toString());
            assertEquals("HTTP 500: receiver broke: bad *** for ***", reply.json().path("answer").asText());
        } finally {
            status.set(200);
        }
    }

    @Test
    void aTestMailGoesToTheSmtpServerAndAnUnreachableOneIsSaidInOneLine() throws Exception {
        ServerSetup setup = new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        setup.setServerStartupTimeout(30_000);
        GreenMail smtp = new GreenMail(setup);
        smtp.setUser("alerts@bactrian.test", "alerts", MAIL_PASSWORD);
        smtp.start();
        try {
            Reply reply = as(EDITOR).call("POST", "/api/v1/channels/mail/test", null);
            assertEquals(200, reply.status(), reply.toString());
            assertTrue(reply.json().path("delivered").asBoolean(), reply.toString());
            assertEquals(1, smtp.getReceivedMessages().length, "one mail");
            assertTrue(smtp.getReceivedMessages()[0].getSubject().contains("[TEST] bactrian"),
                    smtp.getReceivedMessages()[0].getSubject());
        } finally {
            smtp.stop();
        }
        Reply reply = as(EDITOR).call("POST", "/api/v1/channels/mail/test", null);
        assertEquals(200, reply.status(), reply.toString());
        assertFalse(reply.json().path("delivered").asBoolean(), reply.toString());
        String answer = reply.json().path("answer").asText();
        assertTrue(answer.startsWith("SMTP 127.0.0.1:" + smtpPort + ": "), answer);
        assertTrue(answer.contains("Connection refused"), answer);
        assertFalse(answer.contains("\n"), answer);
    }

    @Test
    void aViewerIsRefusedAndAnUnknownChannelIsNotFound() throws Exception {
        int before = receiver.requests().size();
        Reply viewer = as(VIEWER).call("POST", "/api/v1/channels/webhook/test", null);
        assertEquals(403, viewer.status(), viewer.toString());
        assertTrue(viewer.json().path("message").asText().contains("vera is a viewer"), viewer.toString());
        assertEquals(before, receiver.requests().size(), "nothing sent");
        // the refusal is in the audit log, as every write is
        JsonNode audit = as(ADMIN).call("GET", "/api/v1/audit?target=webhook", null).json();
        boolean recorded = false;
        for (JsonNode entry : audit) {
            recorded |= entry.path("user").asText().equals("vera") && entry.path("status").asInt() == 403
                    && entry.path("path").asText().equals("/api/v1/channels/webhook/test");
        }
        assertTrue(recorded, audit.toString());
        Reply unknown = as(EDITOR).call("POST", "/api/v1/channels/pager/test", null);
        assertEquals(404, unknown.status(), unknown.toString());
        assertEquals(401, as(null).call("POST", "/api/v1/channels/webhook/test", null).status());
        // a channel there is but not set up: said, nothing tried
        Reply unset = as(EDITOR).call("POST", "/api/v1/channels/wecom/test", null);
        assertEquals(200, unset.status(), unset.toString());
        assertFalse(unset.json().path("delivered").asBoolean(), unset.toString());
        assertEquals("channel.wecom.key is not set", unset.json().path("answer").asText());
    }
}
