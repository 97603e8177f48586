package io.bactrian.probe.speedtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bactrian.probe.HttpProbe;
import io.bactrian.probe.ProbeRequest;
import io.bactrian.probe.ProbeResult;
import io.bactrian.testing.MeasuresTime;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe command: every node of a list probed at once, as a table or as JSON. */
@MeasuresTime
class ProbeCommandTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ProbeCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new LocalProber(new HttpProbe()));
    }

    @Test
    void jsonHasOneObjectPerNodeWithTheDocumentedFields() throws Exception {
        Path nodes = tmp.resolve("nodes.yaml");
        Files.writeString(nodes, """
                - { id: "a", province: "江苏", city: "宿迁", isp: "电信" }
                - { id: "b", province: "广东", city: "佛山", isp: "电信" }
                """);
        try (TestServer target = TestServer.http((req, o) -> {
            Thread.sleep(200); // a slow target: two nodes at once take one delay, not two
            TestServer.respond(o, 200, "x".repeat(1000));
        })) {
            new HttpProbe().probe(ProbeRequest.of(target.url("/"))); // the JVM's first probe warms the JVM up first
            long start = System.nanoTime();
            assertEquals(0, run(target.url("/"), "--nodes", nodes.toString(), "--json"));
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMs < 380, "both nodes at once, not one after the other: " + elapsedMs + " ms");
        }
        JsonNode rows = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(2, rows.size());
        assertEquals("江苏宿迁[电信]", rows.get(0).get("node").asText());
        assertEquals("广东佛山[电信]", rows.get(1).get("node").asText());
        for (JsonNode row : rows) {
            assertEquals("127.0.0.1", row.get("ip").asText());
            assertEquals(200, row.get("status").asInt());
            assertEquals(1000, row.get("sizeBytes").asInt());
            assertTrue(row.get("ttfbMs").asDouble() >= 190, row.toString());
            assertTrue(row.get("totalMs").asDouble() >= row.get("ttfbMs").asDouble());
            assertTrue(row.has("dnsMs") && row.has("connectMs") && row.has("tlsMs") && row.has("downloadMs"));
            assertTrue(row.get("error").isNull());
        }
    }

    @Test
    void aFailingNodeIsARowWithItsErrorAndExitOne() {
        assertEquals(1, run("http://127.0.0.1:9/"));
        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.startsWith("node "), table);
        assertTrue(table.contains("connection refused (connect)"), table);
    }

    @Test
    void badArgumentsExitTwo() throws Exception {
        assertEquals(2, run());
        assertEquals(2, run("ftp://x/"));
        Path nodes = tmp.resolve("bad.yaml");
        Files.writeString(nodes, "- { id: \"a\", kind: \"satellite\" }\n");
        assertEquals(2, run("http://127.0.0.1/", "--nodes", nodes.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("node 'a': kind 'satellite'"), err.toString());
    }

    @Test
    void aNodeAnsweringAnUnexpectedStatusFailsTheProbe() throws Exception {
        try (TestServer target = TestServer.answering(503, "down for maintenance")) {
            assertEquals(1, run(target.url("/health")), "a wrong status fails, as in once");
            String table = out.toString(StandardCharsets.UTF_8);
            assertTrue(table.lines().skip(1).findFirst().orElseThrow().endsWith("  HTTP 503 (expected 200)"), table);

            out.reset();
            assertEquals(1, run(target.url("/health"), "--json"));
            JsonNode row = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get(0);
            assertEquals(503, row.get("status").asInt());
            assertEquals("HTTP 503 (expected 200)", row.get("error").asText());

            assertEquals(0, run(target.url("/health"), "--expect-status", "200,503"), "an accepted status passes");
        }
        assertEquals(2, run("http://127.0.0.1/", "--expect-status", "abc"));
    }

    @Test
    void tableColumnsLineUpWithChineseNodeNames() throws Exception {
        Path nodes = tmp.resolve("nodes.yaml");
        Files.writeString(nodes, """
                - { id: "a", province: "江苏", city: "宿迁", isp: "电信" }
                - { id: "b", name: "hk-1" }
                - { id: "c", province: "内蒙古", city: "呼和浩特", isp: "联通" }
                """);
        NodeProber fixed = (node, request) -> List.of(new NodeResult(node, node.displayName(),
                new ProbeResult(request.url(), "203.0.113.7", 200, "HTTP/1.1", 1.5, 12.25, 30, 40.5, 2, 86.25, 2048,
                        false, "", java.util.Map.of(), 0, null, null)));
        assertEquals(0, ProbeCommand.run(new String[] {"https://shop.example/", "--nodes", nodes.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), fixed));
        assertEquals("""
                node                 ip              status     total      dns   connect      tls  first byte   download      size       speed  error
                江苏宿迁[电信]       203.0.113.7        200   86.3 ms   1.5 ms   12.3 ms  30.0 ms     40.5 ms     2.0 ms    2048 B   1000 KB/s
                hk-1                 203.0.113.7        200   86.3 ms   1.5 ms   12.3 ms  30.0 ms     40.5 ms     2.0 ms    2048 B   1000 KB/s
                内蒙古呼和浩特[联通] 203.0.113.7        200   86.3 ms   1.5 ms   12.3 ms  30.0 ms     40.5 ms     2.0 ms    2048 B   1000 KB/s
                """, out.toString(StandardCharsets.UTF_8));
    }
}
