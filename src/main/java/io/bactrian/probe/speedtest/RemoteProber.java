package io.bactrian.probe.speedtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import io.bactrian.probe.FailureClass;
import io.bactrian.probe.ProbeRequest;
import io.bactrian.probe.ProbeResult;

/** Probes from another bactrian (kind {@code bactrian}) through its {@code POST /api/probe}. */
public class RemoteProber implements NodeProber {

    @Override
    public List<NodeResult> probe(Node node, ProbeRequest request) {
        return List.of(new NodeResult(node, node.displayName(), ask(node, request)));
    }

    private static ProbeResult ask(Node node, ProbeRequest request) {
        Duration limit = request.timeout().plus(NodeHttp.MARGIN);
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(node.endpoint() + "/api/probe"))
                .timeout(limit)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ProbeWire.requestJson(request)));
        if (node.token() != null && !node.token().isBlank()) {
            http.header("Authorization", "Bearer " + node.token().trim());
        }
        long start = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = NodeHttp.CLIENT.send(http.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return NodeFailure.result(request, NodeHttp.kind(e), NodeHttp.describe(e, limit), millisSince(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NodeFailure.result(request, FailureClass.TIMEOUT, "interrupted while asking the node",
                    millisSince(start));
        }
        int status = response.statusCode();
        if (status != 200) {
            FailureClass kind = switch (status) {
                case 401 -> FailureClass.TOKEN_REFUSED;
                case 400, 403 -> FailureClass.NODE_REFUSED;
                default -> FailureClass.PROTOCOL_ERROR;
            };
            return NodeFailure.result(request, kind, refusal(status, response.body()), millisSince(start));
        }
        try {
            return ProbeWire.result(response.body());
        } catch (IllegalArgumentException e) {
            return NodeFailure.result(request, FailureClass.PROTOCOL_ERROR,
                    "node answered something other than a probe result: " + e.getMessage(), millisSince(start));
        }
    }

    private static String refusal(int status, String body) {
        return switch (status) {
            case 401 -> "node refused the token (401)";
            case 403 -> "node refused the target (403): " + ProbeWire.errorMessage(body);
            case 400 -> "node rejected the request (400): " + ProbeWire.errorMessage(body);
            case 404 -> "node has no probe API (404): is it a bactrian with routes/probe-api.yaml?";
            default -> "node failed (" + status + "): " + abbreviate(ProbeWire.errorMessage(body));
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
