package io.bactrian.probe.speedtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import io.bactrian.probe.FailureClass;
import io.bactrian.probe.ProbeResult;
import io.bactrian.probe.PrometheusText;
import org.junit.jupiter.api.Test;

/** Answers captured from blackbox_exporter 0.23.0, mapped onto probe results. */
class BlackboxResultTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    static PrometheusText captured(String name) throws IOException {
        try (InputStream in = BlackboxResultTest.class.getResourceAsStream("/blackbox/" + name + ".txt")) {
            return PrometheusText.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void successMapsEveryPhase() throws IOException {
        ProbeResult r = BlackboxResult.of(URI.create("http://127.0.0.1:18080/"), null, captured("ok"), TIMEOUT);
        assertNull(r.failure());
        assertEquals(200, r.status());
        assertEquals("HTTP/1.0", r.httpVersion());
        assertEquals(0.083238, r.dnsMs(), 1e-9);
        assertEquals(0.191433, r.connectMs(), 1e-9);
        assertEquals(0, r.tlsMs());
        assertEquals(303.456062, r.ttfbMs(), 1e-6);
        assertEquals(0.799825, r.downloadMs(), 1e-9);
        assertEquals(305.656171, r.totalMs(), 1e-6);
        assertEquals(5, r.sizeBytes());
        assertNull(r.certNotAfter());
    }

    @Test
    void theDebugAnswerTellsTheAddress() throws IOException {
        String answer;
        try (InputStream in = BlackboxResultTest.class.getResourceAsStream("/blackbox/debug-ok.txt")) {
            answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        BlackboxAnswer parsed = BlackboxAnswer.parse(answer);
        assertEquals("127.0.0.1", parsed.ip());
        assertEquals(1, parsed.metrics().value("probe_success"));
        assertEquals(6, parsed.metrics().value("probe_http_content_length"));

        BlackboxAnswer plain = BlackboxAnswer.parse("probe_success 1\nprobe_http_status_code 200\n");
        assertNull(plain.ip(), "plain metrics have no address");
        assertEquals(200, plain.metrics().value("probe_http_status_code"));
    }

    @Test
    void certificateExpiryAndHttp2() {
        PrometheusText m = PrometheusText.parse("""
                # TYPE probe_success gauge
                probe_success 1
                probe_http_status_code 200
                probe_http_version 2
                probe_ssl_earliest_cert_expiry 1.7985024e+09
                probe_http_duration_seconds{phase="tls"} 0.012
                """);
        ProbeResult r = BlackboxResult.of(URI.create("https://example.com/"), null, m, TIMEOUT);
        assertEquals("HTTP/2", r.httpVersion());
        assertEquals(Instant.parse("2026-12-29T00:00:00Z"), r.certNotAfter());
        assertEquals(12, r.tlsMs(), 1e-9);
    }

    @Test
    void failuresAreClassifiedFromTheMetrics() throws IOException {
        ProbeResult refused = BlackboxResult.of(URI.create("http://127.0.0.1:1/"), null, captured("refused"), TIMEOUT);
        assertEquals(FailureClass.CONNECTION_REFUSED, refused.failure().kind());
        assertEquals("could not connect to 127.0.0.1 (blackbox_exporter)", refused.failure().message());

        ProbeResult dns = BlackboxResult.of(URI.create("http://nonexistent.invalid/"), null, captured("dns"), TIMEOUT);
        assertEquals(FailureClass.DNS_FAILURE, dns.failure().kind());
        assertEquals("dns", dns.failure().phase());

        ProbeResult timeout = BlackboxResult.of(URI.create("http://127.0.0.1:18081/"), null, captured("timeout"),
                Duration.ofMillis(1500));
        assertEquals(FailureClass.TIMEOUT, timeout.failure().kind());
        assertEquals("timed out after 1501 ms waiting for the first byte from 127.0.0.1 (blackbox_exporter)",
                timeout.failure().message());

        ProbeResult tls = BlackboxResult.of(URI.create("https://127.0.0.1:18080/"), null, captured("tls"), TIMEOUT);
        assertEquals("connect", tls.failure().phase());
        assertTrue(tls.failure().message().contains("or complete the TLS handshake"), tls.failure().message());
    }

    @Test
    void statusOtherThan2xxIsAnAnswerNotAFailure() {
        PrometheusText m = PrometheusText.parse("probe_success 0\nprobe_http_status_code 503\nprobe_http_version 1.1\n");
        ProbeResult r = BlackboxResult.of(URI.create("http://example.com/"), null, m, TIMEOUT);
        assertEquals(503, r.status());
        assertEquals("HTTP/1.1", r.httpVersion());
        assertNull(r.failure());
    }

    @Test
    void somethingElseIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("<html>not metrics</html>"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BlackboxResult.of(URI.create("http://example.com/"), null, PrometheusText.parse("up 1"), TIMEOUT));
        assertEquals("no probe_success: not a blackbox_exporter probe answer", e.getMessage());
    }
}
