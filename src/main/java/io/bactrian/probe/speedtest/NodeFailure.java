package io.bactrian.probe.speedtest;

import java.util.Map;

import io.bactrian.probe.Failure;
import io.bactrian.probe.FailureClass;
import io.bactrian.probe.ProbeRequest;
import io.bactrian.probe.ProbeResult;

/**
 * The result for a node that gave no probe result: nothing was measured, and the failure's
 * phase is {@code node}, so that alerts tell a broken node from a broken site.
 */
final class NodeFailure {
    static final String PHASE = "node";

    private NodeFailure() {
    }

    static ProbeResult result(ProbeRequest request, FailureClass kind, String message, double totalMs) {
        return new ProbeResult(request.url(), null, 0, null, 0, 0, 0, 0, 0, totalMs, 0, false, null, Map.of(), 0,
                null, new Failure(kind, PHASE, message));
    }
}
