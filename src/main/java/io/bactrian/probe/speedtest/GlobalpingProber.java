package io.bactrian.probe.speedtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bactrian.probe.FailureClass;
import io.bactrian.probe.ProbeRequest;

/**
 * Probes from Globalping's probe network (kind {@code globalping}): creates an HTTP measurement
 * at {@code <endpoint>/v1/measurements} for the node's location and limit, polls it until it is
 * finished, and gives one row per probe. The API runs GET, HEAD and OPTIONS only, and neither
 * timeouts nor TLS checks can be set.
 */
public class GlobalpingProber implements NodeProber {
    /** A measurement usually finishes within seconds; the API asks clients to poll about every 500 ms. */
    private static final Duration DEFAULT_POLL = Duration.ofMillis(500);
    /** On top of the probe timeout: the API's scheduling of the probes. */
    private static final Duration MEASUREMENT_MARGIN = Duration.ofSeconds(30);

    private final Duration pollInterval;

    /** Made at the first Globalping probe, not when every application start binds the probers. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    public GlobalpingProber() {
        this(DEFAULT_POLL);
    }

    GlobalpingProber(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    @Override
    public List<NodeResult> probe(Node node, ProbeRequest request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> created = send(node, HttpRequest.newBuilder(URI.create(node.endpoint() + "/v1/measurements"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(measurement(node, request).toString())), request);
            if (created.statusCode() != 202 && created.statusCode() != 200) {
                return failed(node, request, FailureClass.PROTOCOL_ERROR, apiError(created), start);
            }
            String id = Json.MAPPER.readTree(created.body()).path("id").asText("");
            if (id.isEmpty()) {
                return failed(node, request, FailureClass.PROTOCOL_ERROR, "Globalping answered no measurement id", start);
            }
            long deadline = start + request.timeout().plus(MEASUREMENT_MARGIN).toNanos();
            while (true) {
                HttpResponse<String> polled = send(node,
                        HttpRequest.newBuilder(URI.create(node.endpoint() + "/v1/measurements/" + id)).GET(), request);
                if (polled.statusCode() != 200) {
                    return failed(node, request, FailureClass.PROTOCOL_ERROR, apiError(polled), start);
                }
                JsonNode measurement = Json.MAPPER.readTree(polled.body());
                if (!measurement.path("status").asText().equals("in-progress")) {
                    return rows(node, request, measurement);
                }
                if (System.nanoTime() > deadline) {
                    return failed(node, request, FailureClass.TIMEOUT, "Globalping measurement " + id
                            + " did not finish within " + request.timeout().plus(MEASUREMENT_MARGIN).toSeconds() + " s", start);
                }
                Thread.sleep(pollInterval.toMillis());
            }
        } catch (IOException e) {
            return failed(node, request, NodeHttp.kind(e), NodeHttp.describe(e, request.timeout().plus(NodeHttp.MARGIN)),
                    start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(node, request, FailureClass.TIMEOUT, "interrupted while waiting for Globalping", start);
        }
    }

    /** The POST body: see Globalping's measurement request schema. */
    static ObjectNode measurement(Node node, ProbeRequest request) {
        URI url = request.url();
        boolean https = url.getScheme().equalsIgnoreCase("https");
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("type", "http");
        body.put("target", url.getHost());
        if (node.location() != null && !node.location().isBlank()) {
            body.putArray("locations").addObject().put("magic", node.location().trim());
        }
        body.put("limit", node.limit());
        ObjectNode options = body.putObject("measurementOptions");
        options.put("protocol", https ? "HTTPS" : "HTTP");
        options.put("port", url.getPort() > 0 ? url.getPort() : https ? 443 : 80);
        ObjectNode http = options.putObject("request");
        http.put("method", request.method());
        http.put("path", url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath());
        if (url.getRawQuery() != null) {
            http.put("query", url.getRawQuery());
        }
        if (!request.headers().isEmpty()) {
            request.headers().forEach(http.putObject("headers")::put);
        }
        return body;
    }

    private static List<NodeResult> rows(Node node, ProbeRequest request, JsonNode measurement) {
        List<NodeResult> rows = new ArrayList<>();
        for (JsonNode entry : measurement.path("results")) {
            rows.add(new NodeResult(node, GlobalpingResult.label(entry.path("probe")),
                    GlobalpingResult.of(request.url(), entry)));
        }
        if (rows.isEmpty()) {
            rows.add(new NodeResult(node, node.displayName(), NodeFailure.result(request, FailureClass.PROTOCOL_ERROR,
                    "Globalping found no probe for location '" + node.location() + "'", 0)));
        }
        return rows;
    }

    private static HttpResponse<String> send(Node node, HttpRequest.Builder http, ProbeRequest request)
            throws IOException, InterruptedException {
        http.timeout(request.timeout().plus(NodeHttp.MARGIN));
        if (node.token() != null && !node.token().isBlank()) {
            http.header("Authorization", "Bearer " + node.token().trim());
        }
        return NodeHttp.CLIENT.send(http.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** e.g. "Globalping refused the measurement (422): Parameter validation failed." */
    private static String apiError(HttpResponse<String> response) {
        String message;
        try {
            JsonNode error = Json.MAPPER.readTree(response.body()).path("error");
            message = error.path("message").asText(response.body());
        } catch (IOException e) {
            message = response.body();
        }
        String what = switch (response.statusCode()) {
            case 401, 403 -> "Globalping refused the token";
            case 429 -> "Globalping rate limit reached";
            case 400, 422 -> "Globalping refused the measurement";
            default -> "Globalping failed";
        };
        return what + " (" + response.statusCode() + "): " + message.strip();
    }

    private static List<NodeResult> failed(Node node, ProbeRequest request, FailureClass kind, String message, long start) {
        return List.of(new NodeResult(node, node.displayName(),
                NodeFailure.result(request, kind, message, (System.nanoTime() - start) / 1e6)));
    }
}
