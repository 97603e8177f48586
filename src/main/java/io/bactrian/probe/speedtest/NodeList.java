package io.bactrian.probe.speedtest;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a node list file (e.g. nodes/china.yaml): a YAML list of nodes with id, name,
 * province, city, isp, kind, endpoint, token, module, location, limit. Values may hold
 * {@code {{placeholders}}} (tokens from the environment). Errors name the file, the node and
 * the field.
 */
public final class NodeList {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> FIELDS = Set.of("id", "name", "province", "city", "isp", "kind", "endpoint",
            "token", "module", "location", "limit");

    private NodeList() {
    }

    public static List<Node> load(Path file, UnaryOperator<String> placeholders) throws IOException {
        JsonNode root = YAML.readTree(file.toFile());
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(file + ": must be a YAML list of nodes");
        }
        List<Node> nodes = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (JsonNode n : root) {
            index++;
            String id = n.path("id").asText("");
            String where = file + ": node " + (id.isBlank() ? "#" + index : "'" + id + "'") + ": ";
            if (id.isBlank()) {
                throw new IllegalArgumentException(where + "id is not set");
            }
            if (!ids.add(id)) {
                throw new IllegalArgumentException(where + "id is used twice");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                String field = it.next().getKey();
                if (!FIELDS.contains(field)) {
                    throw new IllegalArgumentException(where + "unknown field '" + field + "' (known: " + FIELDS + ")");
                }
            }
            try {
                nodes.add(node(n, id, placeholders));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage(), e);
            }
        }
        return nodes;
    }

    private static Node node(JsonNode n, String id, UnaryOperator<String> placeholders) {
        Node.Kind kind = Node.Kind.of(text(n, "kind", placeholders, "local"));
        String endpoint = text(n, "endpoint", placeholders, null);
        if (kind != Node.Kind.LOCAL) {
            if (endpoint == null || endpoint.isBlank()) {
                throw new IllegalArgumentException("endpoint is not set (a " + kind.label() + " node needs its API's base URL)");
            }
            URI uri = URI.create(endpoint.trim());
            if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException("endpoint '" + endpoint + "': must be an http:// or https:// base URL");
            }
        }
        String module = text(n, "module", placeholders, kind == Node.Kind.BLACKBOX ? "http_2xx" : null);
        int limit = n.path("limit").asInt(1);
        if (limit < 1 || limit > 50) {
            throw new IllegalArgumentException("limit " + limit + ": must be 1 to 50");
        }
        return new Node(id, text(n, "name", placeholders, null), text(n, "province", placeholders, ""),
                text(n, "city", placeholders, ""), text(n, "isp", placeholders, ""), kind,
                endpoint == null ? null : endpoint.trim().replaceAll("/+$", ""), text(n, "token", placeholders, null),
                module, text(n, "location", placeholders, null), limit);
    }

    private static String text(JsonNode n, String field, UnaryOperator<String> placeholders, String fallback) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? fallback : placeholders.apply(v.asText());
    }
}
