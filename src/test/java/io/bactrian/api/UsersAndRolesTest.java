package io.bactrian.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.JsonNode;
import io.bactrian.api.ApiClient.Reply;
import io.bactrian.auth.HashPasswordCommand;
import io.bactrian.auth.NewTokenCommand;
import io.bactrian.testing.Await;
import io.bactrian.testing.MonitorListProject;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users, roles and tokens of the running application (one process for the class), over real
 * HTTP: no login is 401, a wrong one too, a viewer reads and its write is 403, an editor writes,
 * only an admin reads the audit log, which names who wrote what with secrets masked; a token
 * logs in as its role; the status page's own login is an admin. No answer and no log line holds
 * a password, a hash or a token. validate says what is wrong with a users file on one line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsersAndRolesTest {
    private static final String VIEWER = "vera:vera-pass-7Qx";
    private static final String EDITOR = "eddie:eddie-pass-9Zr";
    private static final String ADMIN = "ada:ada-pass-3Kw";
    private static final String PAGE = "admin:page-pass-5Tn";
    private static final String SECRET = "db-secret-Hq2v";
    private static final String NEW_SECRET = "db-secret-Wz8m";

    private Path dir;
    private int port;
    private MonitorProcess app;
    private TestServer target;
    private String editorToken;
    private String viewerToken;
    /** Every password hash and token hash the users file holds: no answer may show one. */
    private final List<String> hashes = new ArrayList<>();
    private final List<ApiClient> clients = new ArrayList<>();

    @BeforeAll
    void start(@TempDir Path folder) throws Exception {
        dir = folder;
        port = MonitorProcess.freePort();
        MonitorListProject.create(dir, port);
        target = TestServer.answering(200, "ok");
        MonitorListProject.write(dir, "a.yaml", MonitorListProject.everySecond(List.of(), "alpha", target.url("/alpha")));
        MonitorListProject.write(dir, "db.yaml", MonitorListProject.shopDb(SECRET));
        Files.copy(MonitorProcess.ROUTES.resolve("monitor-api.yaml"), dir.resolve("routes/monitor-api.yaml"));
        Files.copy(MonitorProcess.ROUTES.resolve("db-load-monitors.yaml"), dir.resolve("routes/db-load-monitors.yaml"));
        String[] editor = token("ci", "editor");
        String[] viewer = token("dashboard", "viewer");
        editorToken = editor[0];
        viewerToken = viewer[0];
        Files.writeString(dir.resolve("users.yaml"), "users:\n"
                + user(VIEWER, "viewer") + user(EDITOR, "editor") + user(ADMIN, "admin")
                + editor[1] + viewer[1].replace("tokens:\n", ""));
        MonitorProcess.setProperty(dir, "status-page.password", PAGE.substring(PAGE.indexOf(':') + 1));
        assertTrue(MonitorProcess.validate(dir).startsWith("0\n"), MonitorProcess.validate(dir));
        app = MonitorProcess.start(dir, List.of(), "run");
        if (app.awaitStdout(l -> l.contains("(bactrian) started in"), Duration.ofSeconds(180)).isEmpty()) {
            throw new AssertionError("not started:\n" + app.stdoutText());
        }
    }

    @AfterAll
    void stop() throws Exception {
        try {
            for (ApiClient c : clients) {
                for (String answer : c.answers) {
                    for (String secret : secrets()) {
                        assertFalse(answer.contains(secret), "a secret in an answer: " + answer);
                    }
                }
            }
            String log = app.stdoutText() + app.stderr().stream().map(MonitorProcess.Line::text).toList();
            for (String secret : secrets()) {
                assertFalse(log.contains(secret), "a secret in the log: " + secret);
            }
        } finally {
            app.close();
            target.close();
        }
    }

    private List<String> secrets() {
        List<String> all = new ArrayList<>(hashes);
        for (String login : List.of(VIEWER, EDITOR, ADMIN, PAGE)) {
            all.add(login.substring(login.indexOf(':') + 1));
        }
        all.addAll(List.of(SECRET, NEW_SECRET, editorToken, viewerToken));
        return all;
    }

    /** A users file entry of {@code login}, its hash made by {@code hash-password}. */
    private String user(String login, String role) throws Exception {
        String name = login.substring(0, login.indexOf(':'));
        String password = login.substring(login.indexOf(':') + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = HashPasswordCommand.run(new String[0], new ByteArrayInputStream((password + "\n").getBytes(
                StandardCharsets.UTF_8)), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, code);
        String hash = out.toString(StandardCharsets.UTF_8).strip();
        assertTrue(BCrypt.verifyer().verify(password.toCharArray(), hash).verified, hash);
        assertFalse(hash.contains(password));
        hashes.add(hash);
        return "  - name: " + name + "\n    role: " + role + "\n    password-hash: \"" + hash + "\"\n";
    }

    /** A token made by {@code new-token}: the token, and the users file's lines it printed. */
    private String[] token(String name, String role) {
        String[] made = ApiClient.newToken(name, role);
        hashes.add(made[1].replaceAll("(?s).*token-hash: \"([^\"]+)\".*", "$1"));
        return made;
    }

    private ApiClient as(String login) {
        ApiClient c = new ApiClient(port, login);
        clients.add(c);
        return c;
    }

    private Reply bearer(String token, String method, String path) throws Exception {
        return as(null).call(method, path, null, "Authorization", "Bearer " + token);
    }

    private int status(String login, String path) {
        try {
            return as(login).get(path).status();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertOneLine(Reply reply, int status) throws Exception {
        assertEquals(status, reply.status(), reply.toString());
        String message = reply.json().path("message").asText();
        assertFalse(message.isBlank(), reply.toString());
        assertFalse(message.contains("\n"), "one line: " + reply);
    }

    private String etag(String id) throws Exception {
        return as(ADMIN).get("/api/v1/monitors/" + id).etag();
    }

    /** Every write the API has, each answered 401 / 403 before it does anything. */
    private List<String[]> writes() throws Exception {
        String alpha = etag("alpha");
        return List.of(
                new String[] {"POST", "/api/v1/monitors", "{\"id\": \"beta\", \"settings\": {\"kind\": \"http\","
                        + " \"cron\": \"0 0 3 1 1 ?\", \"url\": \"http://127.0.0.1:1/\"}}", null},
                new String[] {"PUT", "/api/v1/monitors/alpha", "{\"settings\": {\"url\": \"http://127.0.0.1:1/\"}}", alpha},
                new String[] {"DELETE", "/api/v1/monitors/alpha", null, alpha},
                new String[] {"POST", "/api/v1/monitors/alpha/pause", null, alpha},
                new String[] {"POST", "/api/v1/monitors/alpha/resume", null, alpha},
                new String[] {"POST", "/api/v1/alerts/1/resend", null, null},
                new String[] {"DELETE", "/api/v1/alerts/1", null, null},
                new String[] {"POST", "/api/v1/incidents/alpha/end", null, null},
                new String[] {"POST", "/api/v1/incidents/alpha/silence", "{\"untilResolved\": true}", null},
                new String[] {"DELETE", "/api/v1/incidents/alpha/silence", null, null});
    }

    private static final List<String> READS = List.of("/api/v1/monitors", "/api/v1/monitors/alpha", "/api/v1/alerts",
            "/api/v1/incidents", "/api/v1/me", "/", "/monitors/alpha", "/api/monitors", "/api/alerts");

    private static Reply send(ApiClient c, String[] write) throws Exception {
        return write[3] == null ? c.call(write[0], write[1], write[2]) : c.call(write[0], write[1], write[2], "If-Match",
                write[3]);
    }

    @Test
    void noLoginAndAWrongOneAre401OnEveryEndpoint() throws Exception {
        String before = Files.readString(dir.resolve("monitors/a.yaml"));
        ApiClient none = as(null);
        for (String path : READS) {
            Reply r = none.get(path);
            assertEquals(401, r.status(), path + ": " + r);
            assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic "), r.toString());
        }
        assertEquals(401, none.get("/api/v1/audit").status());
        for (String[] write : writes()) {
            assertEquals(401, send(none, write).status(), write[0] + " " + write[1]);
        }
        // a wrong password costs a bcrypt check each time: a few requests tell
        for (ApiClient c : List.of(as("vera:wrong"), as("nobody:vera-pass-7Qx"), as("admin:wrong"), as("vera"))) {
            assertEquals(401, c.get("/api/v1/monitors").status());
            assertEquals(401, c.get("/").status());
            assertEquals(401, c.get("/api/v1/audit").status());
            assertEquals(401, send(c, writes().get(3)).status());
        }
        assertEquals(401, bearer("bct_not-a-token", "GET", "/api/v1/monitors").status());
        assertEquals(401, bearer(editorToken + "x", "POST", "/api/v1/incidents/alpha/end").status());
        assertEquals(before, Files.readString(dir.resolve("monitors/a.yaml")), "nothing written");
        assertEquals(200, as(null).get("/metrics").status(), "metrics stay open for Prometheus");
    }

    @Test
    void aViewerReadsAndEachOfItsWritesIs403() throws Exception {
        String before = Files.readString(dir.resolve("monitors/a.yaml"));
        for (String path : READS) {
            assertEquals(200, as(VIEWER).get(path).status(), path);
            assertEquals(200, bearer(viewerToken, "GET", path).status(), path);
        }
        for (String[] write : writes()) {
            Reply refused = send(as(VIEWER), write);
            assertOneLine(refused, 403);
            assertEquals("vera is a viewer; this needs an editor or an admin", refused.json().path("message").asText());
            assertOneLine(as(null).call(write[0], write[1], write[2], "Authorization", "Bearer " + viewerToken,
                    "If-Match", write[3] == null ? "\"x\"" : write[3]), 403);
        }
        assertOneLine(as(VIEWER).get("/api/v1/audit"), 403);
        assertOneLine(as(EDITOR).get("/api/v1/audit"), 403);
        assertOneLine(bearer(editorToken, "GET", "/api/v1/audit"), 403);
        assertEquals(before, Files.readString(dir.resolve("monitors/a.yaml")), "nothing written");
        JsonNode me = as(VIEWER).get("/api/v1/me").json();
        assertEquals("vera", me.path("name").asText());
        assertEquals("viewer", me.path("role").asText());
        assertEquals("token", bearer(viewerToken, "GET", "/api/v1/me").json().path("via").asText());
    }

    @Test
    void editorsAndTokensWriteAndTheAuditLogSaysWhoWroteWhatWithoutSecrets() throws Exception {
        ApiClient eddie = as(EDITOR);
        // every write passes the login; what it then says is the endpoint's own answer
        Reply paused = eddie.call("POST", "/api/v1/monitors/alpha/pause", null, "If-Match", etag("alpha"));
        assertEquals(200, paused.status(), paused.toString());
        Reply resumed = as(null).call("POST", "/api/v1/monitors/alpha/resume", null, "Authorization",
                "Bearer " + editorToken, "If-Match", paused.etag());
        assertEquals(200, resumed.status(), resumed.toString());
        assertOneLine(eddie.call("POST", "/api/v1/alerts/999999/resend", null), 404);
        assertOneLine(eddie.call("DELETE", "/api/v1/alerts/999999", null), 404);
        assertOneLine(eddie.call("POST", "/api/v1/incidents/alpha/end", null), 404);
        // another site's page posting with the login the browser keeps: refused
        assertOneLine(eddie.call("POST", "/api/v1/incidents/alpha/end", null, "Origin", "https://evil.example"), 403);
        assertOneLine(eddie.call("POST", "/api/v1/incidents/alpha/end", null, "Origin", "http://127.0.0.1:" + port), 404);
        Reply created = as(ADMIN).call("POST", "/api/v1/monitors", "{\"id\": \"gamma\", \"settings\": {\"kind\": \"http\","
                + " \"cron\": \"0 0 3 1 1 ?\", \"url\": \"http://127.0.0.1:1/\"}}");
        assertEquals(201, created.status(), created.toString());
        assertEquals(204, as(PAGE).call("DELETE", "/api/v1/monitors/gamma", null, "If-Match", created.etag()).status(),
                "the status page's login is an admin");
        // a secret written: the file has it, the audit log only its name
        Reply db = eddie.get("/api/v1/monitors/shop-db");
        Reply changed = eddie.call("PUT", "/api/v1/monitors/shop-db", "{\"settings\": {\"kind\": \"db-load\", \"cron\":"
                + " \"0 0 4 1 1 ?\", \"jdbc-url\": \"jdbc:postgresql://127.0.0.1:1/shop\", \"password\": \""
                + NEW_SECRET + "\"}}", "If-Match", db.etag());
        assertEquals(200, changed.status(), changed.toString());
        assertTrue(Files.readString(dir.resolve("monitors/db.yaml")).contains(NEW_SECRET));
        send(as(VIEWER), writes().get(3)); // refused, and recorded as such

        Reply log = as(ADMIN).get("/api/v1/audit?limit=20");
        assertEquals(200, log.status(), log.toString());
        JsonNode entries = log.json();
        JsonNode refused = entries.path(0);
        assertEquals("vera", refused.path("user").asText(), entries.toString());
        assertEquals(403, refused.path("status").asInt());
        JsonNode put = entries.path(1);
        assertEquals("eddie", put.path("user").asText(), entries.toString());
        assertEquals("editor", put.path("role").asText());
        assertEquals("password", put.path("via").asText());
        assertEquals("PUT", put.path("method").asText());
        assertEquals("/api/v1/monitors/shop-db", put.path("path").asText());
        assertEquals("shop-db", put.path("target").asText());
        assertEquals(200, put.path("status").asInt());
        assertEquals("{\"cron\":\"0 0 3 1 1 ?\",\"password\":\"******\"}", put.path("change").path("before").toString());
        assertEquals("{\"cron\":\"0 0 4 1 1 ?\",\"password\":\"******\"}", put.path("change").path("after").toString());
        assertFalse(put.path("at").asText().isEmpty());
        JsonNode delete = entries.path(2);
        assertEquals("admin", delete.path("user").asText(), entries.toString());
        assertEquals("DELETE", delete.path("method").asText());
        assertEquals("gamma", delete.path("target").asText());
        assertEquals("http://127.0.0.1:1/", delete.path("change").path("before").path("url").asText(), delete.toString());
        assertTrue(delete.path("change").path("after").isNull(), delete.toString());
        JsonNode create = entries.path(3);
        assertEquals("ada", create.path("user").asText());
        assertEquals("gamma", create.path("target").asText());
        assertEquals(201, create.path("status").asInt());
        assertEquals("http://127.0.0.1:1/", create.path("change").path("after").path("url").asText(), create.toString());
        List<String> rest = new ArrayList<>();
        for (int i = 4; i < 11; i++) {
            rest.add(entries.path(i).path("user").asText() + " " + entries.path(i).path("method").asText() + " "
                    + entries.path(i).path("path").asText() + " " + entries.path(i).path("status").asInt());
        }
        assertEquals(List.of("eddie POST /api/v1/incidents/alpha/end 404", "eddie POST /api/v1/incidents/alpha/end 403",
                "eddie POST /api/v1/incidents/alpha/end 404", "eddie DELETE /api/v1/alerts/999999 404",
                "eddie POST /api/v1/alerts/999999/resend 404", "ci POST /api/v1/monitors/alpha/resume 200",
                "eddie POST /api/v1/monitors/alpha/pause 200"), rest, entries.toString());
        assertEquals("token", entries.path(9).path("via").asText());
        assertEquals("{\"paused\":true,\"enabled\":false}", entries.path(9).path("change").path("before").toString());
        assertEquals("{\"paused\":false}", entries.path(9).path("change").path("after").toString());
        // one monitor's entries
        JsonNode db2 = as(ADMIN).get("/api/v1/audit?target=shop-db").json();
        assertEquals(1, db2.size(), db2.toString());
        assertOneLine(as(ADMIN).get("/api/v1/audit?limit=0"), 400);
    }

    @Test
    void aUserAddedToTheFileLogsInWithoutARestartAndARemovedOneNoLonger() throws Exception {
        Path users = dir.resolve("users.yaml");
        String before = Files.readString(users);
        String late = "late:late-pass-2Jd";
        Files.writeString(users, before.replace("tokens:\n", user(late, "editor") + "tokens:\n"));
        Await.until("the new user let in", 60_000, () -> status(late, "/api/v1/me") == 200);
        assertOneLine(as(late).call("POST", "/api/v1/incidents/alpha/end", null), 404);
        Files.writeString(users, before);
        Await.until("the removed user refused", 60_000, () -> status(late, "/api/v1/me") == 401);
        assertEquals(200, as(VIEWER).get("/api/v1/me").status());
    }

    @Test
    void validateSaysWhatIsWrongWithAUsersFileOnOneLineEach(@TempDir Path other) throws Exception {
        MonitorProcess.copyProject(other);
        String hash = BCrypt.withDefaults().hashToString(4, "x".toCharArray());
        Files.writeString(other.resolve("users.yaml"), """
                users:
                  - name: alice
                    role: admin
                    password: plain-Pw-8s
                  - name: bob
                    role: boss
                    password-hash: "%s"
                  - name: carol
                    role: viewer
                    password-hash: "not-a-hash-Vb3"
                  - name: bob
                    role: viewer
                    password-hash: "%s"
                tokens:
                  - name: ci
                    role: editor
                    token-hash: "abc"
                """.formatted(hash, hash));
        String said = MonitorProcess.validate(other);
        assertTrue(said.startsWith("2\n"), said);
        for (String line : List.of(
                "users.yaml: user 'alice': password: a plain password is never stored; write password-hash, the line"
                        + " 'java -jar bactrian.jar hash-password' prints",
                "users.yaml: user 'bob': role: 'boss' is no role; one of viewer, editor, admin",
                "users.yaml: user 'carol': password-hash: not a bcrypt hash ($2a$, $2b$ or $2y$, as 'java -jar"
                        + " bactrian.jar hash-password' prints); a plain password is never stored",
                "users.yaml: user 'bob': name: a second user of this name",
                "users.yaml: token 'ci': token-hash: not a token's hash (sha256: and 64 hex digits, as 'java -jar"
                        + " bactrian.jar new-token' prints)")) {
            assertTrue(said.contains(line), line + " in:\n" + said);
        }
        for (String secret : List.of("plain-Pw-8s", "not-a-hash-Vb3", hash)) {
            assertFalse(said.contains(secret), "validate shows no password or hash: " + said);
        }
        assertNotEquals(-1, said.indexOf("users.yaml"));
    }

    @Test
    void hashPasswordRefusesWhatBcryptCannotHold() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(2, HashPasswordCommand.run(new String[0], new ByteArrayInputStream(new byte[0]), System.out, errors));
        assertEquals(2, HashPasswordCommand.run(new String[0], new ByteArrayInputStream("x".repeat(73).getBytes(
                StandardCharsets.UTF_8)), System.out, errors));
        assertEquals(2, NewTokenCommand.run(new String[] {"ci", "--role", "boss"}, System.out, errors));
        assertEquals("hash-password: no password on standard input\n"
                + "hash-password: the password is over 72 bytes, which bcrypt does not read\n"
                + "new-token: --role: 'boss' is no role; one of viewer, editor, admin\n", err.toString(StandardCharsets.UTF_8));
    }
}
