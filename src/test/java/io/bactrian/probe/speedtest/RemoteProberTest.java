package io.bactrian.probe.speedtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.bactrian.probe.FailureClass;
import io.bactrian.probe.ProbeRequest;
import io.bactrian.probe.ProbeResult;
import io.bactrian.testing.MeasuresTime;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.RunningMonitor;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two more instances of the application, each serving the probe API on its own port, probe a
 * loopback target for this one, as nodes in two regions would.
 */
@MeasuresTime
class RemoteProberTest {
    private static final Duration SERVER_DELAY = Duration.ofMillis(300);

    @TempDir
    static Path tmp;
    static TestServer target;
    static RunningMonitor shanghai;
    static RunningMonitor guangzhou;
    static RunningMonitor publicOnly;
    static int shanghaiPort;
    static int guangzhouPort;
    static int publicOnlyPort;

    @BeforeAll
    static void start() throws Exception {
        target = TestServer.http((request, out) -> {
            Thread.sleep(SERVER_DELAY.toMillis());
            TestServer.respond(out, 200, "hello from the target", "Content-Type: text/plain");
        });
        shanghaiPort = MonitorProcess.freePort();
        guangzhouPort = MonitorProcess.freePort();
        publicOnlyPort = MonitorProcess.freePort();
        shanghai = node("shanghai", shanghaiPort, "token-sh", true);
        guangzhou = node("guangzhou", guangzhouPort, "token-gz", true);
        publicOnly = node("public", publicOnlyPort, "token-pub", false);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {shanghai, guangzhou, publicOnly, target}) {
            if (c != null) {
                c.close();
            }
        }
    }

    static RunningMonitor node(String name, int port, String token, boolean allowPrivate) throws Exception {
        Map<String, String> p = RunningMonitor.quiet(tmp.resolve(name));
        p.put("camel.main.name", "node-" + name);
        p.put("camel.server.enabled", "true");
        p.put("camel.server.host", "127.0.0.1");
        p.put("camel.server.port", String.valueOf(port));
        p.put("camel.main.routes-include-pattern", RunningMonitor.projectRoute("probe-api.yaml"));
        p.put("probe-api.token", token);
        p.put("probe-api.allow-private-targets", String.valueOf(allowPrivate));
        return RunningMonitor.start(p);
    }

    static Node remote(String id, String city, int port, String token) {
        return new Node(id, null, "", city, "电信", Node.Kind.BACTRIAN, "http://127.0.0.1:" + port, token, null,
                null, 1);
    }

    @Test
    void twoNodesProbeTheTargetWithRealTimings() {
        ProbeRequest request = ProbeRequest.builder(target.url("/page")).header("X-Check", "speed-test")
                .timeout(Duration.ofSeconds(5)).build();
        NodeProber prober = new RemoteProber();
        for (Node node : List.of(remote("sh", "上海", shanghaiPort, "token-sh"),
                remote("gz", "广州", guangzhouPort, "token-gz"))) {
            List<NodeResult> rows = prober.probe(node, request);
            assertEquals(1, rows.size());
            NodeResult row = rows.get(0);
            assertEquals(node.city() + "[电信]", row.label());
            ProbeResult r = row.result();
            assertNull(r.failure(), () -> "unexpected failure: " + r.failure());
            assertEquals(200, r.status());
            assertEquals("HTTP/1.1", r.httpVersion());
            assertEquals("hello from the target", r.body());
            assertEquals("127.0.0.1", r.ip());
            assertEquals("text/plain", r.header("content-type"));
            assertTrue(r.ttfbMs() >= SERVER_DELAY.toMillis() - 5 && r.ttfbMs() < SERVER_DELAY.toMillis() + 500,
                    "ttfb " + r.ttfbMs());
            assertTrue(r.totalMs() >= r.ttfbMs(), "total " + r.totalMs());
        }
        List<TestServer.Request> received = target.requests().stream().filter(r -> r.target().equals("/page")).toList();
        assertEquals(2, received.size());
        assertEquals("speed-test", received.get(0).headers().get("x-check"));
    }

    @Test
    void wrongOrMissingTokenIsA401Row() {
        ProbeRequest request = ProbeRequest.of(target.url("/"));
        for (String token : new String[] {"token-gz", null}) {
            ProbeResult r = new RemoteProber().probe(remote("sh", "上海", shanghaiPort, token), request).get(0).result();
            assertEquals(0, r.status());
            assertEquals("node", r.failure().phase());
            assertEquals(FailureClass.TOKEN_REFUSED, r.failure().kind(), "not a protocol error");
            assertEquals("node refused the token (401)", r.failure().message());
        }
    }

    @Test
    void privateTargetIsRefusedByAPublicNode() {
        ProbeResult r = new RemoteProber().probe(remote("pub", "北京", publicOnlyPort, "token-pub"),
                ProbeRequest.of(target.url("/"))).get(0).result();
        assertEquals("node", r.failure().phase());
        assertEquals(FailureClass.NODE_REFUSED, r.failure().kind());
        assertTrue(r.failure().message().startsWith("node refused the target (403): target 127.0.0.1 resolves to "
                + "127.0.0.1, in 127.0.0.0/8, loopback, not a public address"), r.failure().message());
    }

    @Test
    void nodeDownIsANodeRowWithinTheTimeout() throws Exception {
        int closed = MonitorProcess.freePort();
        long start = System.nanoTime();
        ProbeResult r = new RemoteProber().probe(remote("down", "成都", closed, "t"),
                ProbeRequest.builder(target.url("/")).timeout(Duration.ofSeconds(2)).build()).get(0).result();
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(FailureClass.CONNECTION_REFUSED, r.failure().kind());
        assertEquals("node", r.failure().phase());
        assertEquals("node unreachable: connection refused", r.failure().message());
        assertTrue(tookMs < 2000, "took " + tookMs + " ms");
    }

    @Test
    void nodeThatDoesNotAnswerTimesOutAfterTheProbeTimeoutPlusMargin() throws Exception {
        try (TestServer silent = TestServer.raw(socket -> Thread.sleep(60_000))) {
            Node node = new Node("mute", null, "", "西安", "", Node.Kind.BACTRIAN,
                    "http://127.0.0.1:" + silent.port(), "t", null, null, 1);
            long start = System.nanoTime();
            ProbeResult r = new RemoteProber().probe(node,
                    ProbeRequest.builder(target.url("/")).timeout(Duration.ofMillis(500)).build()).get(0).result();
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(FailureClass.TIMEOUT, r.failure().kind());
            assertEquals("node unreachable: no answer within 1000 ms", r.failure().message());
            assertTrue(tookMs >= 950 && tookMs < 3000, "took " + tookMs + " ms");
        }
    }

    @Test
    void apiAnswersClearErrors() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + guangzhouPort + "/api/probe";
        HttpResponse<String> noToken = client.send(HttpRequest.newBuilder(URI.create(base))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, noToken.statusCode());
        assertEquals("{\"error\":\"missing or wrong bearer token\"}", noToken.body());
        assertTrue(!noToken.body().contains("token-gz"));

        HttpResponse<String> badJson = post(client, base, "token-gz", "{url: nope");
        assertEquals(400, badJson.statusCode());
        assertTrue(badJson.body().contains("body is not valid JSON"), badJson.body());

        HttpResponse<String> badUrl = post(client, base, "token-gz", "{\"url\":\"ftp://example.com/\"}");
        assertEquals(400, badUrl.statusCode());
        assertTrue(badUrl.body().contains("only http and https URLs can be probed: ftp://example.com/"), badUrl.body());

        HttpResponse<String> ok = post(client, base, "token-gz", ProbeWire.requestJson(ProbeRequest.of(target.url("/x"))));
        assertEquals(200, ok.statusCode());
        assertEquals("application/json", ok.headers().firstValue("Content-Type").orElse(""));
        ProbeResult r = ProbeWire.result(ok.body());
        assertEquals(200, r.status());
        assertNotNull(r.url());
    }

    /** What {@code curl -d '{"url":...}'} sends: a JSON body labelled as a form, which the server parses as one. */
    @Test
    void aFormIsRefusedWith415SayingWhichContentTypeToSend() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + guangzhouPort + "/api/probe";
        String json = "{\"url\":\"" + target.url("/curl?q=a+b") + "\"}";
        HttpResponse<String> curl = client.send(HttpRequest.newBuilder(URI.create(base))
                .header("Authorization", "Bearer token-gz").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(415, curl.statusCode(), curl.body());
        assertEquals("{\"error\":\"send the JSON body with Content-Type: application/json, not "
                + "application/x-www-form-urlencoded (curl: add -H 'Content-Type: application/json')\"}", curl.body());
        assertEquals("application/json", curl.headers().firstValue("Content-Type").orElse(""));

        HttpResponse<String> labelled = client.send(HttpRequest.newBuilder(URI.create(base))
                .header("Authorization", "Bearer token-gz").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, labelled.statusCode(), labelled.body());
        assertEquals(List.of("/curl?q=a+b"), target.requests().stream().map(TestServer.Request::target)
                .filter(t -> t.startsWith("/curl")).toList(), "probed once, as sent");
    }

    private static HttpResponse<String> post(HttpClient client, String url, String token, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
