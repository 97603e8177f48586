package io.bactrian.probe;

import io.bactrian.testing.MeasuresTime;
import io.bactrian.testing.SelfSignedCertificate;
import io.bactrian.testing.TestServer;
import static io.bactrian.testing.TestServer.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Targets that fail in each phase: the probe names the class, the phase, and stops on time. */
@MeasuresTime
class ProbeFailureTest {

    private final HttpProbe probe = new HttpProbe();

    private static ProbeRequest request(String url, long timeoutMillis) {
        return ProbeRequest.builder(url).timeout(Duration.ofMillis(timeoutMillis)).build();
    }

    private static void assertFailure(ProbeResult result, FailureClass kind, String phase) {
        assertNotNull(result.failure(), "expected a failure, got status " + result.status());
        assertFalse(result.completed());
        assertEquals(kind, result.failure().kind(), result.failure()::toString);
        assertEquals(phase, result.failure().phase(), result.failure()::toString);
    }

    private static void assertEndsNear(ProbeResult result, long deadlineMillis) {
        assertTrue(result.totalMs() >= deadlineMillis - 1 && result.totalMs() <= deadlineMillis + 100,
                "took " + result.totalMs() + " ms for a " + deadlineMillis + " ms deadline");
    }

    @Test
    void closedPortIsConnectionRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        ProbeResult result = probe.probe(ProbeRequest.of("http://127.0.0.1:" + port + "/"));

        assertFailure(result, FailureClass.CONNECTION_REFUSED, "connect");
        assertEquals("connection refused to 127.0.0.1:" + port, result.failure().message());
        assertEquals(0, result.status());
        assertEquals("127.0.0.1", result.ip());
    }

    /**
     * A listener that never accepts stops answering handshakes once its backlog is full (Linux
     * drops the SYN), which is how a firewalled port looks. Skipped where the OS refuses instead.
     */
    @Test
    void connectThatHangsIsBoundedByConnectTimeout() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        List<Socket> fillers = new ArrayList<>();
        try (ServerSocket full = new ServerSocket(0, 1, loopback)) {
            boolean hangs = false;
            for (int i = 0; i < 10 && !hangs; i++) {
                Socket filler = new Socket();
                fillers.add(filler);
                try {
                    filler.connect(new InetSocketAddress(loopback, full.getLocalPort()), 200);
                } catch (SocketTimeoutException e) {
                    hangs = true;
                }
            }
            Assumptions.assumeTrue(hangs, "this OS does not leave connects to a full backlog hanging");

            ProbeResult result = probe.probe(ProbeRequest.builder("http://127.0.0.1:" + full.getLocalPort() + "/")
                    .connectTimeout(Duration.ofMillis(300)).timeout(Duration.ofSeconds(5)).build());

            assertFailure(result, FailureClass.TIMEOUT, "connect");
            assertEquals("timed out after 300 ms connecting to 127.0.0.1:" + full.getLocalPort(),
                    result.failure().message());
            assertEndsNear(result, 300);
        } finally {
            for (Socket filler : fillers) {
                filler.close();
            }
        }
    }

    @Test
    void silentServerTimesOutWaitingForFirstByte() throws Exception {
        try (TestServer server = TestServer.raw(socket -> {
            TestServer.readRequest(socket.getInputStream());
            Thread.sleep(10_000);
        })) {
            ProbeResult result = probe.probe(request(server.url("/"), 800));

            assertFailure(result, FailureClass.TIMEOUT, "ttfb");
            assertEquals("timed out after 800 ms waiting for the first byte", result.failure().message());
            assertEndsNear(result, 800);
            assertTrue(result.ttfbMs() > 700, "the waiting counts as ttfb: " + result.ttfbMs());
        }
    }

    @Test
    void bodyStallTimesOutInDownload() throws Exception {
        try (TestServer server = TestServer.raw(socket -> {
            TestServer.readRequest(socket.getInputStream());
            write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nfirst ten.");
            Thread.sleep(10_000);
        })) {
            ProbeResult result = probe.probe(request(server.url("/"), 800));

            assertFailure(result, FailureClass.TIMEOUT, "download");
            assertEndsNear(result, 800);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "native"})
    void silentTlsServerTimesOutInHandshake(String engine) throws Exception {
        try (TestServer server = TestServer.raw(socket -> Thread.sleep(10_000))) {
            ProbeResult result = HttpProbe.using(TlsEngines.named(engine))
                    .probe(request("https://127.0.0.1:" + server.port() + "/", 600));

            assertFailure(result, FailureClass.TIMEOUT, "tls");
            assertEndsNear(result, 600);
        }
    }

    @Test
    void unknownHostIsDnsFailure() {
        ProbeResult result = probe.probe(ProbeRequest.of("http://nosuch.invalid/"));

        assertFailure(result, FailureClass.DNS_FAILURE, "dns");
        assertEquals("no address for host nosuch.invalid", result.failure().message());
        assertEquals(null, result.ip());
    }

    @Test
    void hangingDnsIsAbandonedAtTheDeadline() {
        HttpProbe slowDns = HttpProbe.resolvingWith(host -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host);
        });
        ProbeResult result = slowDns.probe(request("http://slow.test/", 500));

        assertFailure(result, FailureClass.TIMEOUT, "dns");
        assertEquals("timed out after 500 ms resolving slow.test", result.failure().message());
        assertEndsNear(result, 500);
    }

    @Test
    void connectionClosedWithoutResponse() throws Exception {
        try (TestServer server = TestServer.raw(socket -> TestServer.readRequest(socket.getInputStream()))) {
            ProbeResult result = probe.probe(ProbeRequest.of(server.url("/")));

            assertFailure(result, FailureClass.CONNECTION_RESET, "ttfb");
            assertEquals("connection closed by the server without a response", result.failure().message());
        }
    }

    @Test
    void connectionClosedInTheMiddleOfTheBody() throws Exception {
        try (TestServer server = TestServer.raw(socket -> {
            TestServer.readRequest(socket.getInputStream());
            write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nfirst ten.");
        })) {
            ProbeResult result = probe.probe(ProbeRequest.of(server.url("/")));

            assertFailure(result, FailureClass.CONNECTION_RESET, "download");
            assertEquals("connection closed after 10 of 100 body bytes", result.failure().message());
        }
    }

    @Test
    void garbageInsteadOfHttpIsProtocolError() throws Exception {
        try (TestServer server = TestServer.raw(socket -> {
            TestServer.readRequest(socket.getInputStream());
            write(socket.getOutputStream(), "SSH-2.0-OpenSSH_9.6\r\n\r\n");
        })) {
            ProbeResult result = probe.probe(ProbeRequest.of(server.url("/")));

            assertFailure(result, FailureClass.PROTOCOL_ERROR, "download");
            assertEquals("malformed status line: SSH-2.0-OpenSSH_9.6", result.failure().message());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "native"})
    void plainHttpServerOnHttpsUrlIsTlsError(String engine) throws Exception {
        try (TestServer server = TestServer.raw(socket -> {
            write(socket.getOutputStream(), "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
            Thread.sleep(1_000); // keeps the connection open: the error comes from the reply, not from a close
        })) {
            ProbeResult result = HttpProbe.using(TlsEngines.named(engine))
                    .probe(request("https://127.0.0.1:" + server.port() + "/", 3_000));

            assertFailure(result, FailureClass.TLS_ERROR, "tls");
            assertTrue(result.failure().message().startsWith("TLS handshake failed: "), result.failure().message());
        }
    }
}
