package io.bactrian.probe.speedtest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.bactrian.probe.Failure;
import io.bactrian.probe.FailureClass;
import io.bactrian.probe.ProbeResult;

/**
 * One probe's entry of a finished Globalping HTTP measurement ({@code results[]}: {@code probe}
 * and {@code result}) as a row. Globalping reports whole milliseconds, and only the first
 * 10 KB of the body.
 */
final class GlobalpingResult {

    private GlobalpingResult() {
    }

    /** e.g. "Nanjing, CN [China Telecom]". */
    static String label(JsonNode probe) {
        String city = probe.path("city").asText("");
        String country = probe.path("country").asText("");
        String network = probe.path("network").asText("");
        String place = city.isEmpty() ? country : country.isEmpty() ? city : city + ", " + country;
        return network.isEmpty() ? place : place + " [" + network + "]";
    }

    static ProbeResult of(URI url, JsonNode entry) {
        JsonNode r = entry.path("result");
        JsonNode t = r.path("timings");
        String body = text(r, "rawBody");
        String status = r.path("status").asText("");
        Failure failure = status.equals("finished") ? null : failure(status, r.path("rawOutput").asText(""));
        return new ProbeResult(url, text(r, "resolvedAddress"), r.path("statusCode").asInt(0),
                httpVersion(r.path("rawOutput").asText("")), t.path("dns").asDouble(), t.path("tcp").asDouble(),
                t.path("tls").asDouble(), t.path("firstByte").asDouble(), t.path("download").asDouble(),
                t.path("total").asDouble(), body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length,
                r.path("truncated").asBoolean(false), body, headers(r.path("headers")), 0,
                certNotAfter(r.path("tls")), failure);
    }

    /** From the error text the probe put in rawOutput (Node.js error codes and messages). */
    private static Failure failure(String status, String output) {
        String message = "Globalping probe " + status + (output.isBlank() ? "" : ": " + output.strip());
        String o = output.toLowerCase(Locale.ROOT);
        if (o.contains("enotfound") || o.contains("eai_again")) {
            return new Failure(FailureClass.DNS_FAILURE, "dns", message);
        }
        if (o.contains("timeout") || o.contains("etimedout")) {
            return new Failure(FailureClass.TIMEOUT, "ttfb", message);
        }
        if (o.contains("econnrefused") || o.contains("ehostunreach") || o.contains("enetunreach")) {
            return new Failure(FailureClass.CONNECTION_REFUSED, "connect", message);
        }
        if (o.contains("econnreset") || o.contains("socket hang up")) {
            return new Failure(FailureClass.CONNECTION_RESET, "download", message);
        }
        if (o.contains("certificate") || o.contains("ssl") || o.contains("tls")) {
            return new Failure(FailureClass.TLS_ERROR, "tls", message);
        }
        return new Failure(FailureClass.PROTOCOL_ERROR, "request", message);
    }

    /** rawOutput starts with the status line, e.g. "HTTP/1.1 301". */
    private static String httpVersion(String rawOutput) {
        return rawOutput.startsWith("HTTP/") ? rawOutput.split("[ \n]", 2)[0] : null;
    }

    private static Map<String, List<String>> headers(JsonNode headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            if (h.getValue().isArray()) {
                List<String> values = new java.util.ArrayList<>();
                h.getValue().forEach(v -> values.add(v.asText()));
                map.put(h.getKey(), values);
            } else {
                map.put(h.getKey(), List.of(h.getValue().asText()));
            }
        }
        return map;
    }

    private static Instant certNotAfter(JsonNode tls) {
        String expires = tls.path("expiresAt").asText("");
        try {
            return expires.isEmpty() ? null : Instant.parse(expires);
        } catch (DateTimeParseException e) {
            return null; // older API versions wrote another date format; the expiry is then unknown
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
