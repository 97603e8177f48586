package io.bactrian.probe.speedtest;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bactrian.probe.Failure;
import io.bactrian.probe.FailureClass;
import io.bactrian.probe.ProbeRequest;
import io.bactrian.probe.ProbeResult;

/**
 * The JSON of {@code POST /api/probe}: a {@link ProbeRequest} one way, a {@link ProbeResult}
 * the other. Times are milliseconds, {@code certNotAfter} is ISO-8601, {@code failure} is null
 * or {@code {kind, phase, message}} with kind a {@link FailureClass} name.
 */
public final class ProbeWire {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProbeWire() {
    }

    public static String requestJson(ProbeRequest request) {
        ObjectNode json = JSON.createObjectNode();
        json.put("url", request.url().toString());
        json.put("method", request.method());
        request.headers().forEach(json.putObject("headers")::put);
        json.put("body", request.body());
        json.put("connectTimeoutMs", request.connectTimeout().toMillis());
        json.put("timeoutMs", request.timeout().toMillis());
        json.put("followRedirects", request.followRedirects());
        json.put("maxRedirects", request.maxRedirects());
        json.put("verifyTls", request.verifyTls());
        json.put("maxBodyBytes", request.maxBodyBytes());
        return json.toString();
    }

    /** Fields left out take the defaults of {@link ProbeRequest#builder(String)}. */
    public static ProbeRequest request(String json) {
        JsonNode n = parse(json);
        JsonNode url = n.get("url");
        if (url == null || !url.isTextual()) {
            throw new IllegalArgumentException("url is missing");
        }
        ProbeRequest.Builder b;
        try {
            b = ProbeRequest.builder(url.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("url is not a URL: " + url.asText());
        }
        b.method(n.path("method").asText("GET"));
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            b.header(h.getKey(), h.getValue().asText());
        }
        if (n.hasNonNull("body")) {
            b.body(n.get("body").asText());
        }
        long timeout = n.path("timeoutMs").asLong(ProbeRequest.DEFAULT_TIMEOUT.toMillis());
        b.timeout(Duration.ofMillis(timeout));
        b.connectTimeout(Duration.ofMillis(n.path("connectTimeoutMs").asLong(timeout)));
        b.followRedirects(n.path("followRedirects").asBoolean(true));
        b.maxRedirects(intAtMost(n.path("maxRedirects").asLong(ProbeRequest.DEFAULT_MAX_REDIRECTS)));
        b.verifyTls(n.path("verifyTls").asBoolean(true));
        b.maxBodyBytes(intAtMost(n.path("maxBodyBytes").asLong(ProbeRequest.DEFAULT_MAX_BODY_BYTES)));
        return b.build();
    }

    /** A huge number asks for "as much as possible", not for what its low 32 bits say. */
    private static int intAtMost(long value) {
        return (int) Math.min(value, Integer.MAX_VALUE);
    }

    public static String resultJson(ProbeResult r) {
        return resultNode(r).toString();
    }

    /**
     * The result as the probe API answers it: with {@code cappedTo}, the node's limits for those
     * of the request's that asked for more ({@code maxBodyBytes}, {@code timeoutMs}, {@code maxRedirects}).
     */
    public static String resultJson(ProbeResult r, Map<String, Long> cappedTo) {
        ObjectNode json = resultNode(r);
        if (!cappedTo.isEmpty()) {
            cappedTo.forEach(json.putObject("cappedTo")::put);
        }
        return json.toString();
    }

    private static ObjectNode resultNode(ProbeResult r) {
        ObjectNode json = JSON.createObjectNode();
        json.put("url", r.url() == null ? null : r.url().toString());
        json.put("ip", r.ip());
        json.put("status", r.status());
        json.put("httpVersion", r.httpVersion());
        json.put("dnsMs", r.dnsMs());
        json.put("connectMs", r.connectMs());
        json.put("tlsMs", r.tlsMs());
        json.put("ttfbMs", r.ttfbMs());
        json.put("downloadMs", r.downloadMs());
        json.put("totalMs", r.totalMs());
        json.put("sizeBytes", r.sizeBytes());
        json.put("bodyTruncated", r.bodyTruncated());
        json.put("body", r.body());
        ObjectNode headers = json.putObject("headers");
        r.headers().forEach((name, values) -> values.forEach(headers.withArray(name)::add));
        json.put("redirects", r.redirects());
        json.put("certNotAfter", r.certNotAfter() == null ? null : r.certNotAfter().toString());
        if (r.failure() == null) {
            json.putNull("failure");
        } else {
            ObjectNode f = json.putObject("failure");
            f.put("kind", r.failure().kind().name());
            f.put("phase", r.failure().phase());
            f.put("message", r.failure().message());
        }
        return json;
    }

    public static ProbeResult result(String json) {
        JsonNode n = parse(json);
        if (!n.has("status") || !n.has("totalMs")) {
            throw new IllegalArgumentException("not a probe result: status or totalMs is missing");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            List<String> values = new ArrayList<>();
            h.getValue().forEach(v -> values.add(v.asText()));
            headers.put(h.getKey(), values);
        }
        JsonNode f = n.path("failure");
        Failure failure = f.isObject() ? new Failure(FailureClass.valueOf(f.path("kind").asText()),
                f.path("phase").asText(), f.path("message").asText()) : null;
        return new ProbeResult(text(n, "url") == null ? null : URI.create(text(n, "url")), text(n, "ip"),
                n.path("status").asInt(), text(n, "httpVersion"), n.path("dnsMs").asDouble(),
                n.path("connectMs").asDouble(), n.path("tlsMs").asDouble(), n.path("ttfbMs").asDouble(),
                n.path("downloadMs").asDouble(), n.path("totalMs").asDouble(), n.path("sizeBytes").asLong(),
                n.path("bodyTruncated").asBoolean(), text(n, "body"), headers, n.path("redirects").asInt(),
                text(n, "certNotAfter") == null ? null : Instant.parse(text(n, "certNotAfter")), failure);
    }

    /** A JSON error body, {@code {"error": message}}. */
    public static String error(String message) {
        return JSON.createObjectNode().put("error", message).toString();
    }

    /** The message of an {@link #error} body, or the text itself if it is not one. */
    public static String errorMessage(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n != null && n.path("error").isTextual() ? n.get("error").asText() : body;
        } catch (IOException e) {
            return body;
        }
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode n = json == null ? null : JSON.readTree(json);
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("body is not a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
