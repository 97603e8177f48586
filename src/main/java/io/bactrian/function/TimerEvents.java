package io.bactrian.function;

import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Which monitors an invocation runs, read from its event: Function Compute's timer event
 * ({@code {"triggerTime":..,"triggerName":..,"payload":".."}}), SCF's
 * ({@code {"Type":"Timer","TriggerName":..,"Time":..,"Message":".."}}), or, invoked by hand, the
 * payload itself. The payload is {@code {"monitors":["id1","id2"]}}; empty or absent, every monitor.
 */
final class TimerEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FORM = "{\"monitors\":[\"<id>\", ...]}";

    private TimerEvents() {
    }

    /** The monitors named; empty for every monitor. */
    static Set<String> monitors(String event) throws InvocationFailed {
        if (event == null || event.isBlank()) {
            return Set.of();
        }
        JsonNode root = parse(event, "the event");
        if (!root.isObject()) {
            throw new InvocationFailed("BadEvent", "the event is not a JSON object: " + shortened(event));
        }
        if (root.has("monitors")) {
            return named(root, "the event");
        }
        String field = root.has("payload") ? "payload" : root.has("Message") ? "Message" : null;
        if (field == null) {
            if (root.has("triggerName") || root.has("TriggerName")) {
                return Set.of(); // a timer without a message: every monitor
            }
            throw new InvocationFailed("BadEvent", "the event is neither a timer trigger's nor " + FORM + ": "
                    + shortened(event));
        }
        String trigger = root.path(field.equals("payload") ? "triggerName" : "TriggerName").asText("");
        String where = "the " + field + " of timer trigger '" + trigger + "'";
        JsonNode payload = root.get(field);
        if (payload.isNull() || payload.isTextual() && payload.asText().isBlank()) {
            return Set.of();
        }
        if (!payload.isTextual()) {
            throw new InvocationFailed("BadEvent", where + " is not a string: " + shortened(payload.toString()));
        }
        JsonNode message = parse(payload.asText(), where);
        if (!message.isObject() || !message.has("monitors")) {
            throw new InvocationFailed("BadEvent", where + " is not " + FORM + ": " + shortened(payload.asText()));
        }
        return named(message, where);
    }

    private static Set<String> named(JsonNode object, String where) throws InvocationFailed {
        JsonNode list = object.get("monitors");
        Set<String> ids = new LinkedHashSet<>();
        if (list.isArray()) {
            for (JsonNode id : list) {
                if (!id.isTextual() || id.asText().isBlank()) {
                    ids = null;
                    break;
                }
                ids.add(id.asText());
            }
        }
        if (!list.isArray() || ids == null) {
            throw new InvocationFailed("BadEvent", where + ": \"monitors\" is not a list of monitor ids: "
                    + shortened(list.toString()));
        }
        return ids;
    }

    private static JsonNode parse(String text, String where) throws InvocationFailed {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvocationFailed("BadEvent", where + " is not JSON (" + FORM + "): " + shortened(text));
        }
    }

    private static String shortened(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}
