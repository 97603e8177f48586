package io.bactrian.probe;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.bactrian.core.CheckResult;
import io.bactrian.store.HistoryRows;
import io.bactrian.store.Rows.Probe;

/**
 * The outcome of one probe. Phase times are in milliseconds and summed over all redirect hops;
 * each hop used a fresh connection.
 *
 * @param url           the last URL requested (after redirects)
 * @param ip            the address connected to on the last hop, null if never resolved
 * @param status        the status code of the last response, 0 if none was received
 * @param httpVersion   the version in the last status line, e.g. "HTTP/1.1", null if none
 * @param dnsMs         name resolution
 * @param connectMs     TCP connect
 * @param tlsMs         TLS handshake, 0 for plain http
 * @param ttfbMs        from the request being fully written to the first response byte
 * @param downloadMs    from the first response byte to the end of the body
 * @param totalMs       the whole probe, wall clock
 * @param sizeBytes     body bytes kept, at most the request's maxBodyBytes
 * @param bodyTruncated true if the body was longer than maxBodyBytes and the rest was not read
 * @param body          the body text (charset from Content-Type, UTF-8 by default)
 * @param headers       response headers in arrival order, names as the server sent them
 * @param redirects     how many redirects were followed
 * @param certNotAfter  expiry of the last hop's leaf certificate, null for plain http
 * @param failure       why the exchange did not complete, null if it did
 */
public record ProbeResult(URI url, String ip, int status, String httpVersion,
                          double dnsMs, double connectMs, double tlsMs, double ttfbMs,
                          double downloadMs, double totalMs, long sizeBytes, boolean bodyTruncated,
                          String body, Map<String, List<String>> headers, int redirects,
                          Instant certNotAfter, Failure failure) implements HistoryRows {

    /** True when a response was received, whatever its status code. */
    public boolean completed() {
        return failure == null;
    }

    /** The first value of a response header, ignoring case of the name, or null. */
    public String header(String name) {
        return HeaderMaps.first(headers, name);
    }

    /** One probe from the instance itself: its row passes or fails with the check. */
    @Override
    public List<Probe> probes(CheckResult result, long atMs) {
        return List.of(row(result.monitor(), atMs, "local", "", "", result.up(), result.reason()));
    }

    /** This probe as a row of the history, made from the node named. */
    public Probe row(String monitor, long atMs, String node, String region, String isp, boolean ok, String reason) {
        return new Probe(monitor, atMs, node, region, isp, ip, status, ok, dnsMs, connectMs, tlsMs, ttfbMs, downloadMs,
                totalMs, sizeBytes, reason);
    }
}
