package io.bactrian.probe.speedtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.RunningMonitor;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A probe-API caller cannot ask the node for more than its probe-api.max-* limits: a node
 * with small limits, asked for a 2 GB body of an endless response, for a ten-minute timeout and
 * for a thousand redirects, answers within its own limits and says so, and stays up.
 */
class ProbeApiLimitsTest {
    private static final int MAX_BODY = 65_536;
    private static final int MAX_TIMEOUT_MS = 2000;
    private static final int MAX_REDIRECTS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static RunningMonitor node;
    static String api;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        int port = MonitorProcess.freePort();
        Map<String, String> p = RunningMonitor.quiet(tmp);
        p.put("camel.server.enabled", "true");
        p.put("camel.server.host", "127.0.0.1");
        p.put("camel.server.port", String.valueOf(port));
        p.put("camel.main.routes-include-pattern", RunningMonitor.projectRoute("probe-api.yaml"));
        p.put("probe-api.token", "limits");
        p.put("probe-api.allow-private-targets", "true"); // the targets are on loopback
        p.put("probe-api.max-body-bytes", String.valueOf(MAX_BODY));
        p.put("probe-api.max-timeout", String.valueOf(MAX_TIMEOUT_MS));
        p.put("probe-api.max-redirects", String.valueOf(MAX_REDIRECTS));
        node = RunningMonitor.start(p);
        api = "http://127.0.0.1:" + port + "/api/probe";
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    private static JsonNode probe(String json) throws Exception {
        HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(URI.create(api))
                .header("Authorization", "Bearer limits").header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body());
    }

    @Test
    void anEndlessBodyIsCutAtTheNodesLimit() throws Exception {
        byte[] chunk = ("4000\r\n" + "x".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        try (TestServer endless = TestServer.http((request, out) -> {
            out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            while (true) { // until the probe hangs up
                out.write(chunk);
            }
        })) {
            JsonNode r = probe("{\"url\":\"" + endless.url("/endless") + "\",\"maxBodyBytes\":2000000000}");

            assertTrue(r.get("failure").isNull(), r.toString());
            assertEquals(200, r.get("status").asInt());
            assertTrue(r.get("bodyTruncated").asBoolean(), r.toString());
            assertEquals(MAX_BODY, r.get("sizeBytes").asInt());
            assertEquals(MAX_BODY, r.get("body").asText().length());
            assertEquals(MAX_BODY, r.path("cappedTo").path("maxBodyBytes").asInt(), r.toString());

            JsonNode again = probe("{\"url\":\"" + endless.url("/again")
                    + "\",\"maxBodyBytes\":100,\"timeoutMs\":2000,\"maxRedirects\":0}");
            assertEquals(100, again.get("sizeBytes").asInt(), "the node is still up and honours smaller limits");
            assertTrue(again.path("cappedTo").isMissingNode(), "nothing was capped: " + again);
        }
    }

    @Test
    void aLongerTimeoutIsCutToTheNodesLimit() throws Exception {
        try (TestServer silent = TestServer.raw(socket -> socket.getInputStream().readAllBytes())) {
            JsonNode r = probe("{\"url\":\"" + silent.url("/") + "\",\"timeoutMs\":600000,\"connectTimeoutMs\":600000}");

            assertEquals("TIMEOUT", r.path("failure").path("kind").asText(), r.toString());
            assertEquals("timed out after " + MAX_TIMEOUT_MS + " ms waiting for the first byte",
                    r.path("failure").path("message").asText());
            assertEquals(MAX_TIMEOUT_MS, r.path("cappedTo").path("timeoutMs").asInt(), r.toString());
        }
    }

    @Test
    void moreRedirectsAreCutToTheNodesLimit() throws Exception {
        try (TestServer loop = TestServer.http((request, out) -> TestServer.respond(out, 302, "", "Location: /again"))) {
            JsonNode r = probe("{\"url\":\"" + loop.url("/") + "\",\"maxRedirects\":1000}");

            assertEquals("too many redirects (more than " + MAX_REDIRECTS + ")",
                    r.path("failure").path("message").asText(), r.toString());
            assertEquals(MAX_REDIRECTS, r.path("cappedTo").path("maxRedirects").asInt(), r.toString());
            assertEquals(MAX_REDIRECTS + 1, loop.requests().size(), "the first request and two redirects");
        }
    }
}
