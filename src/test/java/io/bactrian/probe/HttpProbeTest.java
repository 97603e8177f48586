package io.bactrian.probe;

import io.bactrian.testing.MeasuresTime;
import io.bactrian.testing.SelfSignedCertificate;
import io.bactrian.testing.TestServer;
import static io.bactrian.testing.TestServer.respond;
import static io.bactrian.testing.TestServer.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Exchanges that complete: what the probe sends, what it reads back, how it follows redirects. */
@MeasuresTime
class HttpProbeTest {

    private final HttpProbe probe = new HttpProbe();

    @Test
    void okResponseWithBodyAndTimings() throws Exception {
        try (TestServer server = TestServer.http((request, out) ->
                respond(out, 200, "hello monitor", "Content-Type: text/plain"))) {
            ProbeResult result = probe.probe(ProbeRequest.of(server.url("/health")));

            assertTrue(result.completed(), () -> String.valueOf(result.failure()));
            assertNull(result.failure());
            assertEquals(200, result.status());
            assertEquals("HTTP/1.1", result.httpVersion());
            assertEquals("hello monitor", result.body());
            assertEquals(13, result.sizeBytes());
            assertFalse(result.bodyTruncated());
            assertEquals("127.0.0.1", result.ip());
            assertEquals("text/plain", result.header("content-type"));
            assertEquals(0, result.redirects());
            assertNull(result.certNotAfter());
            assertEquals(0.0, result.tlsMs());
            assertTrue(result.dnsMs() >= 0 && result.connectMs() > 0 && result.ttfbMs() > 0 && result.downloadMs() >= 0);
            double phases = result.dnsMs() + result.connectMs() + result.tlsMs() + result.ttfbMs() + result.downloadMs();
            assertTrue(result.totalMs() >= phases, result.totalMs() + " < " + phases);
            assertTrue(result.totalMs() < phases + 50, "total far beyond the phases: " + result);

            TestServer.Request sent = server.requests().get(0);
            assertEquals("GET", sent.method());
            assertEquals("/health", sent.target());
            assertEquals("127.0.0.1:" + server.port(), sent.headers().get("host"));
            assertEquals("bactrian/0.1", sent.headers().get("user-agent"));
            assertEquals("*/*", sent.headers().get("accept"));
            assertEquals("close", sent.headers().get("connection"));
            assertFalse(sent.headers().containsKey("accept-encoding"));
        }
    }

    @Test
    void serverErrorIsACompletedExchange() throws Exception {
        try (TestServer server = TestServer.http((request, out) -> respond(out, 500, "boom"))) {
            ProbeResult result = probe.probe(ProbeRequest.of(server.url("/")));

            assertTrue(result.completed());
            assertEquals(500, result.status());
            assertEquals("boom", result.body());
        }
    }

    @Test
    void postSendsHeadersAndBody() throws Exception {
        try (TestServer server = TestServer.http((request, out) -> respond(out, 201, "created"))) {
            ProbeResult result = probe.probe(ProbeRequest.builder(server.url("/items?x=1"))
                    .method("POST")
                    .header("Content-Type", "application/json")
                    .header("X-Token", "s3cret")
                    .header("User-Agent", "custom-agent")
                    .body("{\"name\":\"café\"}")
                    .build());

            assertEquals(201, result.status());
            TestServer.Request sent = server.requests().get(0);
            assertEquals("POST", sent.method());
            assertEquals("/items?x=1", sent.target());
            assertEquals("application/json", sent.headers().get("content-type"));
            assertEquals("s3cret", sent.headers().get("x-token"));
            assertEquals("custom-agent", sent.headers().get("user-agent"));
            assertEquals("16", sent.headers().get("content-length")); // é is two bytes in UTF-8
            assertEquals("{\"name\":\"café\"}", sent.body());
        }
    }

    @Test
    void followsRelativeRedirect() throws Exception {
        try (TestServer server = TestServer.http((request, out) -> {
            if (request.target().equals("/old")) {
                respond(out, 302, "", "Location: /new");
            } else {
                respond(out, 200, "new place");
            }
        })) {
            ProbeResult result = probe.probe(ProbeRequest.of(server.url("/old")));

            assertEquals(200, result.status());
            assertEquals(server.url("/new"), result.url().toString());
            assertEquals(1, result.redirects());
            assertEquals("new place", result.body());
            assertEquals(2, server.requests().size());
        }
    }

    @Test
    void redirectNotFollowedWhenDisabled() throws Exception {
        try (TestServer server = TestServer.http((request, out) -> respond(out, 302, "", "Location: /new"))) {
            ProbeResult result = probe.probe(ProbeRequest.builder(server.url("/old")).followRedirects(false).build());

            assertTrue(result.completed());
            assertEquals(302, result.status());
            assertEquals("/new", result.header("Location"));
            assertEquals(0, result.redirects());
            assertEquals(1, server.requests().size());
        }
    }

    @Test
    void postRedirectedWith302BecomesGetWithoutBody() throws Exception {
        try (TestServer server = TestServer.http((request, out) -> {
            if (request.target().equals("/form")) {
                respond(out, 302, "", "Location: " + "http://127.0.0.1:" + request.headers().get("host").split(":")[1] + "/done");
            } else {
                respond(out, 200, "done");
            }
        })) {
            ProbeResult result = probe.probe(ProbeRequest.builder(server.url("/form"))
                    .method("POST").header("Content-Type", "text/plain").body("payload").build());

            assertEquals(200, result.status());
            TestServer.Request second = server.requests().get(1);
            assertEquals("GET", second.method());
            assertEquals("", second.body());
            assertFalse(second.headers().containsKey("content-length"));
            assertFalse(second.headers().containsKey("content-type"));
        }
    }

    @Test
    void redirect307RepeatsPostWithBody() throws Exception {
        try (TestServer server = TestServer.http((request, out) -> {
            if (request.target().equals("/v1")) {
                respond(out, 307, "", "Location: /v2");
            } else {
                respond(out, 200, "ok");
            }
        })) {
            probe.probe(ProbeRequest.builder(server.url("/v1")).method("POST").body("payload").build());

            TestServer.Request second = server.requests().get(1);
            assertEquals("POST", second.method());
            assertEquals("/v2", second.target());
            assertEquals("payload", second.body());
        }
    }

    @Test
    void redirectLoopStopsAtMaxRedirects() throws Exception {
        try (TestServer server = TestServer.http((request, out) -> respond(out, 301, "", "Location: /again"))) {
            ProbeResult result = probe.probe(ProbeRequest.builder(server.url("/")).maxRedirects(3).build());

            assertEquals(FailureClass.PROTOCOL_ERROR, result.failure().kind());
            assertEquals("too many redirects (more than 3)", result.failure().message());
            assertEquals(3, result.redirects());
            assertEquals(301, result.status());
            assertEquals(4, server.requests().size());
        }
    }

    @Test
    void chunkedBody() throws Exception {
        try (TestServer server = TestServer.http((request, out) -> write(out,
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\nhello\r\n" + "1;ext=1\r\n \r\n" + "7\r\nmonitor\r\n" + "0\r\nX-Trailer: t\r\n\r\n"))) {
            ProbeResult result = probe.probe(ProbeRequest.of(server.url("/")));

            assertTrue(result.completed(), () -> String.valueOf(result.failure()));
            assertEquals("hello monitor", result.body());
            assertEquals(13, result.sizeBytes());
        }
    }

    @Test
    void headReadsNoBodyEvenWithContentLength() throws Exception {
        try (TestServer server = TestServer.raw(socket -> {
            TestServer.Request request = TestServer.readRequest(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nX-Method: " + request.method() + "\r\n\r\n");
            Thread.sleep(5_000); // keeps the connection open: reading a body would time out
        })) {
            ProbeResult result = probe.probe(ProbeRequest.builder(server.url("/")).method("HEAD")
                    .timeout(Duration.ofSeconds(2)).build());

            assertTrue(result.completed(), () -> String.valueOf(result.failure()));
            assertEquals(200, result.status());
            assertEquals("HEAD", result.header("X-Method"));
            assertEquals(0, result.sizeBytes());
            assertTrue(result.totalMs() < 1_000, "waited for a body: " + result.totalMs());
        }
    }

    @Test
    void noContentHasNoBody() throws Exception {
        try (TestServer server = TestServer.raw(socket -> {
            TestServer.readRequest(socket.getInputStream());
            write(socket.getOutputStream(), "HTTP/1.1 204 No Content\r\n\r\n");
            Thread.sleep(5_000); // keeps the connection open: reading a body would time out
        })) {
            ProbeResult result = probe.probe(ProbeRequest.builder(server.url("/")).timeout(Duration.ofSeconds(2)).build());

            assertTrue(result.completed(), () -> String.valueOf(result.failure()));
            assertEquals(204, result.status());
            assertTrue(result.totalMs() < 1_000);
        }
    }

    @Test
    void bodyIsCutAtMaxBodyBytes() throws Exception {
        try (TestServer server = TestServer.http((request, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 5242880\r\n\r\n");
            byte[] block = new byte[64 * 1024];
            java.util.Arrays.fill(block, (byte) 'x');
            for (int i = 0; i < 80; i++) {
                out.write(block);
            }
        })) {
            ProbeResult result = probe.probe(ProbeRequest.builder(server.url("/big")).maxBodyBytes(1000).build());

            assertTrue(result.completed(), () -> String.valueOf(result.failure()));
            assertTrue(result.bodyTruncated());
            assertEquals(1000, result.sizeBytes());
            assertEquals("x".repeat(1000), result.body());
        }
    }

    @Test
    void bodyExactlyAtTheCapIsNotTruncated() throws Exception {
        try (TestServer server = TestServer.http((request, out) -> respond(out, 200, "12345"))) {
            ProbeResult result = probe.probe(ProbeRequest.builder(server.url("/")).maxBodyBytes(5).build());

            assertFalse(result.bodyTruncated());
            assertEquals("12345", result.body());
        }
    }

    @Test
    void bodyUntilCloseDecodedWithDeclaredCharset() throws Exception {
        try (TestServer server = TestServer.http((request, out) -> {
            write(out, "HTTP/1.0 200 OK\r\nContent-Type: text/plain; charset=ISO-8859-1\r\n\r\n");
            out.write(new byte[] {'c', 'a', 'f', (byte) 0xE9});
        })) {
            ProbeResult result = probe.probe(ProbeRequest.of(server.url("/")));

            assertEquals("HTTP/1.0", result.httpVersion());
            assertEquals("café", result.body());
            assertEquals(4, result.sizeBytes());
        }
    }

    @Test
    void interimResponsesAreSkipped() throws Exception {
        try (TestServer server = TestServer.http((request, out) -> {
            write(out, "HTTP/1.1 103 Early Hints\r\nLink: </style.css>\r\n\r\n");
            respond(out, 200, "final");
        })) {
            ProbeResult result = probe.probe(ProbeRequest.of(server.url("/")));

            assertEquals(200, result.status());
            assertEquals("final", result.body());
            assertNull(result.header("Link"));
        }
    }

    @Test
    void hostNameResolvesThroughTheResolver() throws Exception {
        try (TestServer server = TestServer.http((request, out) -> respond(out, 200, request.headers().get("host")))) {
            ProbeResult result = probe.probe(ProbeRequest.of("http://target.test:" + server.port() + "/"));

            assertTrue(result.completed(), () -> String.valueOf(result.failure()));
            assertEquals("127.0.0.1", result.ip());
            assertEquals("target.test:" + server.port(), result.body());
        }
    }
}
