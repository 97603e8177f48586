package io.bactrian.probe.speedtest;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.bactrian.probe.FailureClass;
import io.bactrian.probe.ProbeRequest;
import io.bactrian.probe.ProbeResult;

/**
 * Probes from a Prometheus blackbox_exporter (kind {@code blackbox}) with its {@code /probe}
 * endpoint and the node's module. The module decides method, headers and TLS checks; only the
 * URL and the timeout come from the request. It asks for the debug answer, whose log has the
 * address the exporter connected to.
 */
public class BlackboxProber implements NodeProber {

    @Override
    public List<NodeResult> probe(Node node, ProbeRequest request) {
        return List.of(new NodeResult(node, node.displayName(), ask(node, request)));
    }

    private static ProbeResult ask(Node node, ProbeRequest request) {
        String module = node.module() == null ? "http_2xx" : node.module();
        URI uri = URI.create(node.endpoint() + "/probe?target=" + encode(request.url().toString())
                + "&module=" + encode(module) + "&debug=true"); // the debug answer's log tells the IP
        Duration limit = request.timeout().plus(NodeHttp.MARGIN);
        HttpRequest.Builder http = HttpRequest.newBuilder(uri).timeout(limit)
                // the exporter probes for this long less its 0.5 s offset, or its module's timeout if shorter
                .header("X-Prometheus-Scrape-Timeout-Seconds", seconds(request.timeout().plusMillis(500)));
        if (node.token() != null && !node.token().isBlank()) {
            http.header("Authorization", "Bearer " + node.token().trim());
        }
        long start = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = NodeHttp.CLIENT.send(http.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return NodeFailure.result(request, NodeHttp.kind(e), NodeHttp.describe(e, limit), millisSince(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NodeFailure.result(request, FailureClass.TIMEOUT, "interrupted while asking the exporter",
                    millisSince(start));
        }
        if (response.statusCode() != 200) {
            String body = response.body().strip();
            return NodeFailure.result(request, FailureClass.PROTOCOL_ERROR, "exporter answered "
                    + response.statusCode() + (body.isEmpty() ? "" : ": " + body.lines().findFirst().orElse("")),
                    millisSince(start));
        }
        try {
            BlackboxAnswer answer = BlackboxAnswer.parse(response.body());
            return BlackboxResult.of(request.url(), answer.ip(), answer.metrics(), request.timeout());
        } catch (IllegalArgumentException e) {
            return NodeFailure.result(request, FailureClass.PROTOCOL_ERROR,
                    "exporter answered something other than probe metrics: " + e.getMessage(), millisSince(start));
        }
    }

    private static String seconds(Duration d) {
        return String.valueOf(d.toMillis() / 1000.0);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
