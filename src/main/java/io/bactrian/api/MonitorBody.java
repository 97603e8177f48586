package io.bactrian.api;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.bactrian.monitor.MonitorFiles;

/**
 * A monitor as a request writes it: {@code {"id": ..., "file": ..., "settings": {...}}}, each
 * setting a text, number, boolean, list of them, or null (left out). What a list file could not
 * hold is refused here with the field named; what the settings mean is checked as {@code validate} checks.
 *
 * @param id       the monitor's id (creating), else null
 * @param file     the monitor list to add it to (creating), null for the default one
 * @param settings the settings in the order given, kebab-case
 */
public record MonitorBody(String id, String file, Map<String, Object> settings) {
    private static final Set<String> KEYS = Set.of("id", "file", "settings");

    /** The body of a create, which names the id. */
    static MonitorBody create(JsonNode body) {
        MonitorBody b = of(body);
        if (b.id == null) {
            throw ApiError.field("request", null, "id", "is missing");
        }
        if (!MonitorFiles.isId(b.id)) {
            throw ApiError.field("request", null, "id", "'" + b.id + "' " + MonitorFiles.ID_RULE);
        }
        return b;
    }

    /** The body of an update of monitor {@code id}: settings alone, or the same id. */
    static MonitorBody update(JsonNode body, String id) {
        MonitorBody b = of(body);
        if (b.id != null && !b.id.equals(id) || b.file != null) {
            throw ApiError.field("request", id, b.file != null ? "file" : "id",
                    "cannot be changed: create the monitor anew and delete this one");
        }
        return b;
    }

    private static MonitorBody of(JsonNode body) {
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw ApiError.field("request", null, key, "unknown key (known: file, id, settings)");
            }
        }
        String id = text(body, "id");
        JsonNode settings = body.path("settings");
        if (!settings.isObject()) {
            throw ApiError.field("request", id, "settings", "must be a JSON object of the monitor's settings");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = settings.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!MonitorFiles.isKey(e.getKey()) || e.getKey().equals("id")) {
                throw ApiError.field("request", id, e.getKey(), e.getKey().equals("id")
                        ? "the id is not a setting: give it beside settings" : "keys are written in kebab-case, e.g. expect-status");
            }
            values.put(e.getKey(), value(id, e.getKey(), e.getValue()));
        }
        return new MonitorBody(id, text(body, "file"), values);
    }

    private static String text(JsonNode body, String key) {
        JsonNode node = body.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiError.field("request", null, key, "must be a text");
        }
        return node.asText().strip();
    }

    private static Object value(String id, String key, JsonNode v) {
        if (v.isArray()) {
            List<Object> items = new ArrayList<>();
            for (JsonNode item : v) {
                if (item.isContainerNode() || item.isNull()) {
                    throw ApiError.field("request", id, key, "a list of plain values is expected");
                }
                items.add(scalar(item));
            }
            return items;
        }
        if (v.isObject()) {
            throw ApiError.field("request", id, key, "a value is expected, not a mapping");
        }
        return v.isNull() ? null : scalar(v);
    }

    private static Object scalar(JsonNode v) {
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue();
        }
        return v.isNumber() ? v.numberValue().toString() : v.asText();
    }
}
