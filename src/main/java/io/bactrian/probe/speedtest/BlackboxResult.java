package io.bactrian.probe.speedtest;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.bactrian.probe.Failure;
import io.bactrian.probe.FailureClass;
import io.bactrian.probe.ProbeResult;
import io.bactrian.probe.PrometheusText;

/**
 * A blackbox_exporter probe's metrics as a {@link ProbeResult}. The exporter keeps no body or
 * headers, its metrics not even the address (see {@link BlackboxAnswer}), and its phases differ
 * a little: {@code processing} (request sent to first byte) stands for ttfb, {@code transfer}
 * for download.
 */
final class BlackboxResult {

    private BlackboxResult() {
    }

    /** @param ip the address the exporter connected to, from its log, or null when it did not say */
    static ProbeResult of(URI url, String ip, PrometheusText m, Duration timeout) {
        if (!m.has("probe_success")) {
            throw new IllegalArgumentException("no probe_success: not a blackbox_exporter probe answer");
        }
        int status = (int) m.value("probe_http_status_code");
        double version = m.value("probe_http_version");
        Instant certNotAfter = m.value("probe_ssl_earliest_cert_expiry") > 0
                ? Instant.ofEpochSecond((long) m.value("probe_ssl_earliest_cert_expiry")) : null;
        long size = (long) Math.max(m.value("probe_http_content_length"), m.value("probe_http_uncompressed_body_length"));
        // a received status means the exchange completed; judging it is the caller's business,
        // as for every other prober, even where the module's valid_status_codes failed it
        Failure failure = m.value("probe_success") == 0 && status == 0 ? failure(url, m, timeout) : null;
        return new ProbeResult(url, ip, status, version == 0 ? null : httpVersion(version),
                phaseMs(m, "resolve"), phaseMs(m, "connect"), phaseMs(m, "tls"), phaseMs(m, "processing"),
                phaseMs(m, "transfer"), m.value("probe_duration_seconds") * 1000, size, false, null, Map.of(),
                (int) m.value("probe_http_redirects"), certNotAfter, failure);
    }

    /** As well as the metrics allow: they record a phase's time only once it succeeded. */
    private static Failure failure(URI url, PrometheusText m, Duration timeout) {
        String host = url.getHost();
        if (m.value("probe_ip_protocol") == 0) {
            return new Failure(FailureClass.DNS_FAILURE, "dns", "the exporter could not resolve " + host);
        }
        boolean connected = phaseMs(m, "connect") > 0;
        double durationMs = m.value("probe_duration_seconds") * 1000;
        if (durationMs >= timeout.toMillis() * 0.9) {
            return new Failure(FailureClass.TIMEOUT, connected ? "ttfb" : "connect",
                    "timed out after " + Math.round(durationMs) + " ms " + (connected
                            ? "waiting for the first byte from " : "connecting to ") + host + " (blackbox_exporter)");
        }
        if (connected) {
            return new Failure(FailureClass.CONNECTION_RESET, "ttfb",
                    "connection to " + host + " closed before a response (blackbox_exporter)");
        }
        if (url.getScheme().equalsIgnoreCase("https")) {
            return new Failure(FailureClass.CONNECTION_REFUSED, "connect", "could not connect to " + host
                    + " or complete the TLS handshake (blackbox_exporter's metrics do not tell which)");
        }
        return new Failure(FailureClass.CONNECTION_REFUSED, "connect",
                "could not connect to " + host + " (blackbox_exporter)");
    }

    private static double phaseMs(PrometheusText m, String phase) {
        return m.value("probe_http_duration_seconds{phase=\"" + phase + "\"}") * 1000;
    }

    /** The exporter reports major + minor / 10: 1 is HTTP/1.0, 1.1 is HTTP/1.1, 2 is HTTP/2. */
    private static String httpVersion(double version) {
        return version >= 2 ? "HTTP/" + (int) version : String.format(java.util.Locale.ROOT, "HTTP/%.1f", version);
    }
}
