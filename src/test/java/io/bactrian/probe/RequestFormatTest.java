package io.bactrian.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What goes on the wire, checked without a network: IPv6 literals, defaults, refused input. */
class RequestFormatTest {

    private static String format(String method, String url, Map<String, String> headers, String body) {
        return new String(RequestWriter.format(method, Target.of(URI.create(url)), headers, body),
                StandardCharsets.ISO_8859_1);
    }

    @Test
    void ipv6LiteralKeepsBracketsInHostHeaderOnly() {
        Target target = Target.of(URI.create("http://[::1]:8080/status?full=1#top"));

        assertEquals("::1", target.host());
        assertEquals(8080, target.port());
        assertTrue(target.hostIsAddress());
        assertEquals("[::1]:8080", target.authority());
        assertEquals("/status?full=1", target.requestTarget());
        assertEquals("[::1]:443", Target.hostPort("::1", 443));
    }

    @Test
    void defaultPortIsLeftOutOfHostHeader() {
        assertEquals("example.org", Target.of(URI.create("https://Example.org")).authority());
        assertEquals("/", Target.of(URI.create("https://example.org")).requestTarget());
        assertEquals("[2001:db8::1]", Target.of(URI.create("http://[2001:db8::1]/")).authority());
        assertFalse(Target.of(URI.create("http://example.org/")).hostIsAddress());
    }

    @Test
    void getRequestHasDefaultsAndNoBody() {
        assertEquals("GET /a HTTP/1.1\r\nHost: [::1]:8080\r\nUser-Agent: bactrian/0.1\r\nAccept: */*\r\n"
                + "Connection: close\r\n\r\n", format("GET", "http://[::1]:8080/a", Map.of(), null));
    }

    @Test
    void probeOwnsConnectionAndFraming() {
        String request = format("POST", "http://h/", Map.of("Connection", "keep-alive", "Content-Length", "99"), null);

        assertTrue(request.contains("Connection: close\r\n"));
        assertTrue(request.contains("Content-Length: 0\r\n"));
        assertFalse(request.contains("keep-alive"));
        assertFalse(request.contains("99"));
    }

    @Test
    void invalidRequestsAreRejectedUpFront() {
        assertThrows(IllegalArgumentException.class, () -> ProbeRequest.of("ftp://example.org/"));
        assertThrows(IllegalArgumentException.class, () -> ProbeRequest.of("/relative"));
        assertThrows(IllegalArgumentException.class,
                () -> ProbeRequest.builder("http://h/").header("X-A", "1\r\nX-Injected: 2").build());
        assertThrows(IllegalArgumentException.class, () -> ProbeRequest.builder("http://h/").method("get me").build());
    }

    @Test
    void defaults() {
        ProbeRequest request = ProbeRequest.of("https://example.org/");

        assertEquals("GET", request.method());
        assertEquals(10, request.timeout().toSeconds());
        assertEquals(10, request.connectTimeout().toSeconds());
        assertTrue(request.followRedirects());
        assertEquals(10, request.maxRedirects());
        assertTrue(request.verifyTls());
        assertEquals(1024 * 1024, request.maxBodyBytes());
    }
}
