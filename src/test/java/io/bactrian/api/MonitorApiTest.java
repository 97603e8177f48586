package io.bactrian.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.bactrian.api.ApiClient.Reply;
import io.bactrian.testing.Await;
import io.bactrian.testing.CountingTarget;
import io.bactrian.testing.MonitorListProject;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitors' write API of the running application (a process, as a user starts it), over
 * real HTTP: each write is an edit of the monitor's lines in its file, leaving the rest of the
 * file as it was, and is in force by the reload; a stale ETag, a bad body, a path trick or a
 * missing login is refused with nothing written; a secret is in no answer.
 */
class MonitorApiTest {
    private static final String SECRET = "hunter2-Kq7xZ";
    private static final String LOGIN = "admin:s3cret-login";

    @TempDir
    Path dir;

    private static final String A_YAML = """
            # Our shop's monitors: this comment stays
            defaults:
              kind: http
              cron: "* * * * * ? *"
            monitors:
              # alpha is the front page
              - id: alpha
                url: "%s"   # alpha's own comment
              - id: beta
                url: "%s"
            # end of the list
            """;

    private MonitorProcess start(String password, String... routes) throws Exception {
        MonitorProcess.setProperty(dir, "monitors.reload-interval", "200");
        MonitorProcess.setProperty(dir, "status-page.password", password);
        for (String route : routes) {
            Files.copy(MonitorProcess.ROUTES.resolve(route), dir.resolve("routes").resolve(route));
        }
        MonitorProcess app = MonitorProcess.start(dir, List.of(), "run");
        if (app.awaitStdout(l -> l.contains("(bactrian) started in"), Duration.ofSeconds(180)).isEmpty()) {
            app.close();
            throw new AssertionError("not started:\n" + app.stdoutText());
        }
        return app;
    }

    /** Every monitor list's text, by name. */
    private Map<String, String> files() throws Exception {
        Map<String, String> texts = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir.resolve("monitors"))) {
            for (Path p : list.toList()) {
                texts.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        return texts;
    }

    private static void awaitChecked(CountingTarget target, String path) throws InterruptedException {
        int now = target.requests(path);
        Await.until(path + " checked", 60_000, () -> target.requests(path) >= now + 2);
    }

    /** {@code path} asked no more while {@code clock}, checked every second, was checked three times. */
    private static void assertNotChecked(CountingTarget target, String path, String clock) throws InterruptedException {
        awaitChecked(target, clock);
        int before = target.requests(path);
        int ticks = target.requests(clock);
        Await.until(clock + " checked three times", 60_000, () -> target.requests(clock) >= ticks + 3);
        assertEquals(before, target.requests(path), path + " is no longer checked");
    }

    private static void assertRefused(Reply reply, int status, String field) throws Exception {
        assertEquals(status, reply.status(), reply.toString());
        if (field != null) {
            assertEquals(field, reply.json().path("field").asText(), reply.toString());
        }
        assertFalse(reply.json().path("message").asText().isBlank(), reply.toString());
        assertFalse(reply.json().path("message").asText().contains("\n"), "one line: " + reply);
    }

    /** An id with a path in it: the server finds no such path (404), or the API names the id (400). */
    private static void assertPathRefused(Reply reply) throws Exception {
        if (reply.status() != 404) {
            assertRefused(reply, 400, "id");
        }
    }

    @Test
    void writesEditTheFilesAndTakeEffectByTheReload() throws Exception {
        int port = MonitorProcess.freePort();
        MonitorListProject.create(dir, port);
        try (CountingTarget target = new CountingTarget(); TestServer hook = TestServer.answering(400, "refused")) {
            target.answer("/down", 500);
            String aYaml = A_YAML.formatted(target.url("/alpha"), target.url("/beta"));
            MonitorListProject.write(dir, "a.yaml", aYaml);
            MonitorListProject.write(dir, "db.yaml", MonitorListProject.shopDb(SECRET));
            MonitorListProject.write(dir, "down.yaml", MonitorListProject.everySecond(
                    List.of("failure-threshold: 1", "success-threshold: 1", "reminder-interval: 1h"), "down",
                    target.url("/down")));
            MonitorProcess.setProperty(dir, "alert.channels", "webhook");
            MonitorProcess.setProperty(dir, "channel.webhook.url", hook.url("/hook"));
            MonitorProcess.setProperty(dir, "channel.poll-delay", "100");
            MonitorProcess.setProperty(dir, "channel.group-wait", "0");
            try (MonitorProcess app = start("s3cret-login", "monitor-api.yaml", "db-load-monitors.yaml")) {
                ApiClient api = new ApiClient(port, LOGIN);
                awaitChecked(target, "/alpha");

                // read: every monitor, the secret named and not shown
                JsonNode list = api.get("/api/v1/monitors").json();
                assertEquals(List.of("alpha", "beta", "shop-db", "down"), ids(list), list.toString());
                Reply db = api.get("/api/v1/monitors/shop-db");
                assertEquals(200, db.status(), db.toString());
                assertEquals("[\"password\"]", db.json().path("secrets").toString());
                assertFalse(db.json().path("settings").has("password"), db.toString());
                assertEquals("db-load", db.json().path("kind").asText());
                Reply alpha = api.get("/api/v1/monitors/alpha");
                assertEquals(alpha.etag(), alpha.json().path("etag").asText());
                assertEquals(target.url("/alpha"), alpha.json().path("settings").path("url").asText());

                // create: into monitors/api.yaml, checked by the reload
                Reply created = api.call("POST", "/api/v1/monitors", """
                        {"id": "gamma", "settings": {"kind": "http", "cron": "* * * * * ? *", "url": "%s",
                        "expect-status": [200, 204], "timeout": 2000}}"""
                        .formatted(target.url("/gamma")));
                assertEquals(201, created.status(), created.toString());
                assertEquals("/api/v1/monitors/gamma", created.headers().firstValue("Location").orElse(""));
                assertEquals("monitors:\n  - id: gamma\n    kind: http\n    cron: \"* * * * * ? *\"\n    url: \""
                        + target.url("/gamma")
                        + "\"\n    expect-status: [200, 204]\n    timeout: 2000\n", files().get("api.yaml"));
                awaitChecked(target, "/gamma");
                Reply gamma = api.get("/api/v1/monitors/gamma");
                assertEquals(created.etag(), gamma.etag());
                assertEquals("{\"kind\":\"http\",\"cron\":\"* * * * * ? *\",\"url\":\"" + target.url("/gamma") + "\",\"expect-status\":[200,204],\"timeout\":2000}",
                        gamma.json().path("settings").toString());

                // update: only beta's lines change; comments and alpha's lines stay byte for byte
                Reply beta = api.get("/api/v1/monitors/beta");
                Reply updated = api.call("PUT", "/api/v1/monitors/beta",
                        "{\"settings\": {\"url\": \"" + target.url("/beta2") + "\"}}", "If-Match", beta.etag());
                assertEquals(200, updated.status(), updated.toString());
                assertEquals(aYaml.replace(target.url("/beta"), target.url("/beta2")), files().get("a.yaml"));
                awaitChecked(target, "/beta2");
                assertNotChecked(target, "/beta", "/alpha");

                // a stale ETag, and none: 412 and 428, nothing written
                Map<String, String> before = files();
                assertRefused(api.call("PUT", "/api/v1/monitors/beta", "{\"settings\": {\"url\": \"http://x\"}}",
                        "If-Match", beta.etag()), 412, null);
                assertRefused(api.call("PUT", "/api/v1/monitors/beta", "{\"settings\": {\"url\": \"http://x\"}}"), 428, null);
                assertRefused(api.call("DELETE", "/api/v1/monitors/beta", null, "If-Match", beta.etag()), 412, null);
                assertRefused(api.call("POST", "/api/v1/monitors/beta/pause", null, "If-Match", beta.etag()), 412, null);

                // bad input: a clear 4xx naming the field, nothing written
                Reply kind = api.call("POST", "/api/v1/monitors",
                        "{\"id\": \"delta\", \"settings\": {\"kind\": \"nosuch\", \"url\": \"http://x\"}}");
                assertRefused(kind, 400, "kind");
                assertEquals("monitors/api.yaml", kind.json().path("file").asText(), kind.toString());
                assertEquals("delta", kind.json().path("monitor").asText(), kind.toString());
                assertTrue(kind.json().path("message").asText().startsWith("no route runs kind 'nosuch'"), kind.toString());
                Reply cron = api.call("PUT", "/api/v1/monitors/beta", "{\"settings\": {\"url\": \"http://x\","
                        + " \"cron\": \"0 0 25 * * ? *\"}}", "If-Match", updated.etag());
                assertRefused(cron, 400, "cron");
                assertEquals("monitors/a.yaml", cron.json().path("file").asText());
                assertRefused(api.call("PUT", "/api/v1/monitors/beta", "{\"settings\": {\"url\": {\"a\": 1}}}",
                        "If-Match", updated.etag()), 400, "url");
                assertRefused(api.call("PUT", "/api/v1/monitors/beta", "{\"settings\": {\"Url\": \"http://x\"}}",
                        "If-Match", updated.etag()), 400, "Url");
                assertRefused(api.call("PUT", "/api/v1/monitors/beta", "{\"settings\": \"url\"}",
                        "If-Match", updated.etag()), 400, "settings");
                assertRefused(api.call("POST", "/api/v1/monitors", "{\"id\": \"delta\", \"setings\": {}}"), 400, "setings");
                assertRefused(api.call("POST", "/api/v1/monitors", "{\"id\": 7, \"settings\": {}}"), 400, "id");
                assertRefused(api.call("POST", "/api/v1/monitors", "not json"), 400, "body");
                assertRefused(api.call("POST", "/api/v1/monitors", "{\"id\": \"delta\", \"settings\": {\"url\": \""
                        + "x".repeat(100_000) + "\"}}"), 413, null);
                assertRefused(api.call("POST", "/api/v1/monitors", "{\"id\": \"alpha\", \"settings\": {\"url\": \"http://x\"}}"),
                        409, null);
                // path tricks: in the id, in the file
                for (String id : List.of("..%2F..%2Fetc%2Fpasswd", "..", "a%00b", "%2Fetc", "a%2Fb", "%2e%2e")) {
                    assertPathRefused(api.get("/api/v1/monitors/" + id));
                    assertPathRefused(api.call("PUT", "/api/v1/monitors/" + id, "{\"settings\": {}}", "If-Match", "\"x\""));
                    assertPathRefused(api.call("POST", "/api/v1/monitors/" + id + "/pause", null, "If-Match", "\"x\""));
                }
                assertEquals(4, api.get("/api/v1/monitors/a/b/c").status() / 100, "a slash: no such path");
                assertRefused(api.call("POST", "/api/v1/monitors", "{\"id\": \"../x\", \"settings\": {}}"), 400, "id");
                for (String file : List.of("../outside.yaml", "/etc/x.yaml", "routes/x.yaml", "monitors/../../x.yaml",
                        "monitors/x\u0000.yaml", "monitors/x.txt")) {
                    assertRefused(api.call("POST", "/api/v1/monitors", "{\"id\": \"delta\", \"file\": \""
                            + file.replace("\u0000", "\\u0000") + "\", \"settings\": {\"url\": \"http://x\"}}"), 400, "file");
                }
                // no login, a wrong one: 401
                assertEquals(401, new ApiClient(port, null).call("POST", "/api/v1/monitors", "{}").status());
                assertEquals(401, new ApiClient(port, "admin:wrong").call("DELETE", "/api/v1/monitors/beta", null,
                        "If-Match", updated.etag()).status());
                assertEquals(before, files(), "nothing written by a refused request");

                // pause and resume: enabled: false in alpha's entry, its comments elsewhere kept
                Reply paused = api.call("POST", "/api/v1/monitors/alpha/pause", null, "If-Match", api.get(
                        "/api/v1/monitors/alpha").etag());
                assertEquals(200, paused.status(), paused.toString());
                assertTrue(paused.json().path("paused").asBoolean(), paused.toString());
                assertTrue(files().get("a.yaml").contains("    enabled: false\n"), files().get("a.yaml"));
                assertTrue(files().get("a.yaml").startsWith("# Our shop's monitors: this comment stays\n"));
                assertTrue(files().get("a.yaml").endsWith("# end of the list\n"));
                assertNotChecked(target, "/alpha", "/gamma");
                Reply resumed = api.call("POST", "/api/v1/monitors/alpha/resume", null, "If-Match", paused.etag());
                assertEquals(200, resumed.status(), resumed.toString());
                assertFalse(resumed.json().path("paused").asBoolean(), resumed.toString());
                awaitChecked(target, "/alpha");

                // a write racing a hand edit of the same file: both are kept
                Reply beta2 = api.get("/api/v1/monitors/beta");
                String handEdited = files().get("a.yaml").replace(target.url("/alpha"), target.url("/alpha3"));
                MonitorListProject.write(dir, "a.yaml", handEdited);
                Reply raced = api.call("PUT", "/api/v1/monitors/beta",
                        "{\"settings\": {\"url\": \"" + target.url("/beta3") + "\"}}", "If-Match", beta2.etag());
                assertEquals(200, raced.status(), raced.toString());
                assertTrue(files().get("a.yaml").contains(target.url("/alpha3")), files().get("a.yaml"));
                assertTrue(files().get("a.yaml").contains(target.url("/beta3")), files().get("a.yaml"));
                awaitChecked(target, "/alpha3");
                awaitChecked(target, "/beta3");
                // a hand edit of the entry itself makes its ETag stale
                MonitorListProject.write(dir, "a.yaml", files().get("a.yaml").replace("/beta3", "/beta4"));
                assertRefused(api.call("PUT", "/api/v1/monitors/beta", "{\"settings\": {\"url\": \"http://x\"}}",
                        "If-Match", raced.etag()), 412, null);

                // delete gamma: its lines go, it is checked no more
                Reply deleted = api.call("DELETE", "/api/v1/monitors/gamma", null, "If-Match", gamma.etag());
                assertEquals(204, deleted.status(), deleted.toString());
                assertEquals("monitors:\n", files().get("api.yaml"));
                assertEquals(404, api.get("/api/v1/monitors/gamma").status());
                assertNotChecked(target, "/gamma", "/alpha3");

                // secrets are write-only: an update leaving the password out keeps it
                Reply dbUpdated = api.call("PUT", "/api/v1/monitors/shop-db", "{\"settings\": {\"kind\": \"db-load\","
                        + " \"cron\": \"0 0 4 1 1 ?\", \"jdbc-url\": \"jdbc:postgresql://127.0.0.1:1/shop\"}}",
                        "If-Match", db.etag());
                assertEquals(200, dbUpdated.status(), dbUpdated.toString());
                assertTrue(files().get("db.yaml").contains("password: " + SECRET), files().get("db.yaml"));
                assertTrue(files().get("db.yaml").contains("0 0 4 1 1 ?"), files().get("db.yaml"));
                assertRefused(api.call("POST", "/api/v1/monitors", "{\"id\": \"other-db\", \"settings\": {\"kind\":"
                        + " \"db-load\", \"cron\": \"nope\", \"password\": \"" + SECRET + "\"}}"), 400, "cron");

                // the alert queue: the refused DOWN of 'down' sent again, then dropped
                Await.until("a refused alert", 60_000, () -> refused(api) != null);
                JsonNode failed = refused(api);
                long id = failed.path("id").asLong();
                int hookCalls = hook.requests().size();
                Reply resent = api.call("POST", "/api/v1/alerts/" + id + "/resend", null);
                assertEquals(200, resent.status(), resent.toString());
                Await.until("the alert sent again", 60_000, () -> hook.requests().size() > hookCalls);
                Await.until("refused again", 60_000, () -> refused(api) != null && refused(api).path("id").asLong() == id);
                assertEquals(204, api.call("DELETE", "/api/v1/alerts/" + id, null).status());
                assertRefused(api.call("DELETE", "/api/v1/alerts/" + id, null), 404, null);
                assertRefused(api.call("POST", "/api/v1/alerts/" + id + "/resend", null), 404, null);
                assertRefused(api.call("POST", "/api/v1/alerts/x%2F1/resend", null), 400, "id");

                // incidents: 'down' is open; ended by hand, its RESOLVED goes to the channel
                JsonNode incidents = api.get("/api/v1/incidents").json();
                assertEquals("down", incidents.path(0).path("monitor").asText(), incidents.toString());
                Reply ended = api.call("POST", "/api/v1/incidents/down/end", null);
                assertEquals(200, ended.status(), ended.toString());
                Await.until("the RESOLVED at the webhook", 60_000, () -> hook.requests().stream()
                        .anyMatch(r -> r.body().contains("\"status\":\"resolved\"") && r.body().contains("\"monitor\":\"down\"")));
                assertRefused(api.call("POST", "/api/v1/incidents/alpha/end", null), 404, null);

                for (String answer : api.answers) {
                    assertFalse(answer.contains(SECRET), "a secret in an answer: " + answer);
                    assertFalse(answer.contains("s3cret-login"), "the login in an answer: " + answer);
                }
            }
        }
    }

    /** The newest alert refused for good in the queue, or null. */
    private static JsonNode refused(ApiClient api) {
        try {
            for (JsonNode a : api.get("/api/v1/alerts").json().path("alerts")) {
                if ("failed".equals(a.path("state").asText())) {
                    return a;
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new java.util.ArrayList<>();
        list.forEach(m -> ids.add(m.path("id").asText()));
        return ids;
    }

    @Test
    void withoutALoginWritesAreOffAndTheOpenApiDocumentListsEveryEndpoint() throws Exception {
        int port = MonitorProcess.freePort();
        MonitorListProject.create(dir, port);
        try (CountingTarget target = new CountingTarget()) {
            MonitorListProject.write(dir, "a.yaml", MonitorListProject.everySecond(List.of(), "alpha", target.url("/alpha")));
            try (MonitorProcess app = start("", "monitor-api.yaml")) {
                ApiClient api = new ApiClient(port, null);
                Map<String, String> before = files();
                Reply refused = api.call("POST", "/api/v1/monitors", "{\"id\": \"beta\", \"settings\": {\"url\": \"http://x\"}}");
                assertRefused(refused, 403, null);
                assertTrue(refused.json().path("message").asText().contains("status-page.password"), refused.toString());
                assertRefused(api.call("DELETE", "/api/v1/monitors/alpha", null, "If-Match", "\"x\""), 403, null);
                assertEquals(before, files());
                assertEquals(200, api.get("/api/v1/monitors").status(), "reads are open, as the status page is");

                Reply doc = api.get("/api/v1/openapi.json");
                assertEquals(200, doc.status(), doc.toString());
                JsonNode openapi = doc.json();
                Map<String, List<String>> expected = Map.ofEntries(
                        Map.entry("/api/v1/monitors", List.of("get", "post")),
                        Map.entry("/api/v1/monitors/{id}", List.of("get", "put", "delete")),
                        Map.entry("/api/v1/monitors/{id}/pause", List.of("post")),
                        Map.entry("/api/v1/monitors/{id}/resume", List.of("post")),
                        Map.entry("/api/v1/alerts", List.of("get")),
                        Map.entry("/api/v1/alerts/{id}", List.of("delete")),
                        Map.entry("/api/v1/alerts/{id}/resend", List.of("post")),
                        Map.entry("/api/v1/channels", List.of("get")),
                        Map.entry("/api/v1/channels/{id}/test", List.of("post")),
                        Map.entry("/api/v1/incidents", List.of("get")),
                        Map.entry("/api/v1/incidents/{id}/end", List.of("post")),
                        Map.entry("/api/v1/incidents/{id}/silence", List.of("post", "delete")),
                        Map.entry("/api/v1/audit", List.of("get")),
                        Map.entry("/api/v1/me", List.of("get")));
                expected.forEach((path, methods) -> methods.forEach(m -> assertTrue(
                        openapi.path("paths").path(path).has(m), m + " " + path + " in " + openapi.path("paths"))));
                JsonNode schemas = openapi.path("components").path("schemas");
                for (String field : List.of("id", "file", "kind", "paused", "settings", "secrets", "etag", "maintenance")) {
                    assertTrue(schemas.path("MonitorView").path("properties").has(field), field + " in " + schemas);
                }
                for (String field : List.of("id", "file", "settings")) {
                    assertTrue(schemas.path("MonitorBody").path("properties").has(field), field + " in " + schemas);
                }
                assertTrue(openapi.path("paths").path("/api/v1/monitors/{id}").path("put").path("parameters").toString()
                        .contains("If-Match"), openapi.path("paths").toString());
            }
        }
    }
}
