package io.bactrian.probe.speedtest;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.bactrian.probe.ProbeRequest;

/**
 * The most a probe-API caller may ask of this node: body bytes kept, time spent, redirects
 * followed. A request asking for more gets the node's limit, so that no caller can make the node
 * hold an endless body in memory or keep a probe running for hours.
 */
public record ProbeLimits(int maxBodyBytes, Duration maxTimeout, int maxRedirects) {

    public ProbeLimits {
        if (maxBodyBytes < 0 || maxRedirects < 0 || maxTimeout.isNegative() || maxTimeout.isZero()) {
            throw new IllegalArgumentException("probe-api limits must be positive");
        }
    }

    /** The request within these limits. */
    ProbeRequest cap(ProbeRequest r) {
        Duration timeout = min(r.timeout(), maxTimeout);
        return new ProbeRequest(r.url(), r.method(), r.headers(), r.body(), min(r.connectTimeout(), timeout), timeout,
                r.followRedirects(), Math.min(r.maxRedirects(), maxRedirects), r.verifyTls(),
                Math.min(r.maxBodyBytes(), maxBodyBytes));
    }

    /** The wire names and values of the limits the caller asked more than, for the answer. */
    Map<String, Long> lowered(ProbeRequest asked) {
        Map<String, Long> lowered = new LinkedHashMap<>();
        if (asked.maxBodyBytes() > maxBodyBytes) {
            lowered.put("maxBodyBytes", (long) maxBodyBytes);
        }
        if (asked.timeout().compareTo(maxTimeout) > 0 || asked.connectTimeout().compareTo(maxTimeout) > 0) {
            lowered.put("timeoutMs", maxTimeout.toMillis());
        }
        if (asked.maxRedirects() > maxRedirects) {
            lowered.put("maxRedirects", (long) maxRedirects);
        }
        return lowered;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
