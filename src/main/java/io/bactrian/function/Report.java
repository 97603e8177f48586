package io.bactrian.function;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bactrian.core.CheckResult;
import io.bactrian.oneshot.OnceMode;

/**
 * What one invocation found: a result per monitor, those that did not finish, and the alerts
 * left queued. Its answer is JSON, one entry per monitor with its id, state, message and the
 * milliseconds from the invocation's start to the check's end.
 */
record Report(Map<String, CheckResult> results, Set<String> missing, String late, long queued, Instant started) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The answer of an invocation that ran. */
    String json(String requestId) {
        ObjectNode root = JSON.createObjectNode();
        root.put("requestId", requestId);
        monitors(root);
        root.put("queuedAlerts", queued);
        return root.toString();
    }

    /** The answer of one that failed, with what it found when there is a report. */
    static String error(String requestId, String type, String message, Report report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("requestId", requestId);
        root.put("errorType", type);
        root.put("errorMessage", message);
        if (report != null) {
            report.monitors(root);
        }
        return root.toString();
    }

    /** The lines {@code once} prints, for the platform's log. */
    void print(PrintStream out) {
        OnceMode.print(out, results, missing, late);
    }

    private void monitors(ObjectNode root) {
        ArrayNode list = root.putArray("monitors");
        results.forEach((id, r) -> {
            ObjectNode entry = list.addObject();
            entry.put("id", id);
            entry.put("state", r.up() ? "UP" : "DOWN");
            entry.put("message", r.summary());
            entry.put("durationMs", Math.max(0, Duration.between(started, r.at()).toMillis()));
        });
        missing.forEach(id -> list.addObject().put("id", id).put("state", "DOWN").put("message", late));
    }
}
