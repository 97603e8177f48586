package io.bactrian.probe.speedtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.bactrian.probe.FailureClass;
import io.bactrian.probe.ProbeRequest;
import io.bactrian.probe.ProbeResult;
import io.bactrian.testing.MeasuresTime;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real blackbox_exporter of the Debian package probes loopback targets for a blackbox node. */
@MeasuresTime
class BlackboxProberTest {
    private static final Path EXPORTER = Path.of("/usr/bin/prometheus-blackbox-exporter");
    private static final long HEADER_DELAY_MS = 400;

    @TempDir
    static Path tmp;
    static Process exporter;
    static int port;

    @BeforeAll
    static void startExporter() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(EXPORTER),
                "needs the Debian package prometheus-blackbox-exporter (apt-get install prometheus-blackbox-exporter)");
        Path config = tmp.resolve("blackbox.yml");
        Files.writeString(config, """
                modules:
                  http_2xx:
                    prober: http
                    timeout: 10s
                    http:
                      preferred_ip_protocol: ip4
                """);
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        exporter = new ProcessBuilder(EXPORTER.toString(), "--config.file=" + config,
                "--web.listen-address=127.0.0.1:" + port).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("exporter.log").toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException notYet) {
                if (System.nanoTime() > until || !exporter.isAlive()) {
                    throw new IllegalStateException("exporter did not start: " + Files.readString(tmp.resolve("exporter.log")));
                }
                Thread.sleep(50);
            }
        }
    }

    @AfterAll
    static void stopExporter() throws Exception {
        if (exporter != null) {
            exporter.destroy();
            exporter.waitFor(5, TimeUnit.SECONDS);
        }
    }

    static Node node(int port, String module) {
        return new Node("bj", null, "北京", "", "联通", Node.Kind.BLACKBOX, "http://127.0.0.1:" + port, null, module,
                null, 1);
    }

    @Test
    void exporterMeasuresTheDelayedHeadersAsTtfb() throws Exception {
        try (TestServer target = TestServer.http((request, out) -> {
            Thread.sleep(HEADER_DELAY_MS);
            TestServer.respond(out, 200, "twelve bytes", "Content-Type: text/plain");
        })) {
            NodeResult row = new BlackboxProber().probe(node(port, "http_2xx"), ProbeRequest.of(target.url("/slow")))
                    .get(0);
            ProbeResult r = row.result();
            assertEquals("北京[联通]", row.label());
            assertNull(r.failure(), () -> "unexpected failure: " + r.failure());
            assertEquals(200, r.status());
            assertEquals("127.0.0.1", r.ip(), "the address the exporter connected to");
            assertEquals("HTTP/1.1", r.httpVersion());
            assertEquals(12, r.sizeBytes());
            assertTrue(r.dnsMs() > 0 && r.connectMs() > 0, "dns " + r.dnsMs() + " connect " + r.connectMs());
            assertEquals(0, r.tlsMs());
            assertTrue(Math.abs(r.ttfbMs() - HEADER_DELAY_MS) < 150, "ttfb " + r.ttfbMs());
            assertTrue(r.totalMs() >= r.ttfbMs() && r.totalMs() < HEADER_DELAY_MS + 500, "total " + r.totalMs());
            assertEquals("/slow", target.requests().get(0).target());
        }
    }

    @Test
    void refusedTargetIsAConnectFailure() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ProbeResult r = new BlackboxProber().probe(node(port, "http_2xx"),
                ProbeRequest.of("http://127.0.0.1:" + closed + "/")).get(0).result();
        assertEquals(0, r.status());
        assertEquals(FailureClass.CONNECTION_REFUSED, r.failure().kind());
        assertEquals("connect", r.failure().phase());
    }

    @Test
    void silentTargetTimesOutWithinTheProbeTimeout() throws Exception {
        try (TestServer silent = TestServer.raw(socket -> Thread.sleep(30_000))) {
            long start = System.nanoTime();
            ProbeResult r = new BlackboxProber().probe(node(port, "http_2xx"),
                    ProbeRequest.builder(silent.url("/")).timeout(Duration.ofSeconds(1)).build()).get(0).result();
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(FailureClass.TIMEOUT, r.failure().kind());
            assertEquals("ttfb", r.failure().phase());
            assertTrue(tookMs >= 900 && tookMs < 2500, "took " + tookMs + " ms");
        }
    }

    @Test
    void unknownModuleIsANodeFailure() {
        ProbeResult r = new BlackboxProber().probe(node(port, "no_such_module"), ProbeRequest.of("http://127.0.0.1:9/"))
                .get(0).result();
        assertEquals("node", r.failure().phase());
        assertEquals("exporter answered 400: Unknown module \"no_such_module\"", r.failure().message());
    }

    @Test
    void exporterDownIsANodeFailure() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ProbeResult r = new BlackboxProber().probe(node(closed, "http_2xx"), ProbeRequest.of("http://127.0.0.1:9/"))
                .get(0).result();
        assertEquals("node", r.failure().phase());
        assertEquals("node unreachable: connection refused", r.failure().message());
    }
}
