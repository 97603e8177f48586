package io.bactrian.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.bactrian.endpoint.PerMonitor;
import io.bactrian.monitor.Monitor;
import org.apache.camel.Endpoint;

/**
 * The kinds the route files define: the per-monitor steps of each kind's route, and those of the
 * routes they share; each kind's routes as written, the settings they read themselves
 * ({@code monitor.setting('nodes')}) and the defaults of their {@code schedule:} parameters.
 */
record KindRoutes(Map<String, List<Endpoint>> byKind, List<Endpoint> shared, Map<String, List<JsonNode>> routes,
                  Map<String, Set<String>> read, Map<String, Map<String, String>> defaults) {
    /** A setting a kind's route reads itself, as {@code ${exchangeProperty.monitor.setting('nodes')}}. */
    private static final Pattern READ = Pattern.compile("monitor\\.setting\\('([a-z0-9-]+)'\\)");

    /** The kind's steps, then the shared ones. */
    List<Endpoint> of(String kind) {
        List<Endpoint> steps = new ArrayList<>(byKind.getOrDefault(kind, List.of()));
        steps.addAll(shared);
        return steps;
    }

    /** The kinds of the route files: those of each kind's route, and the steps of the other routes. */
    static KindRoutes read(CheckContext checks, List<Path> routeFiles) {
        Map<String, List<Endpoint>> byKind = new LinkedHashMap<>();
        List<Endpoint> shared = new ArrayList<>();
        Map<String, List<JsonNode>> routes = new LinkedHashMap<>();
        Map<String, Set<String>> read = new LinkedHashMap<>();
        Map<String, Map<String, String>> defaults = new LinkedHashMap<>();
        for (Path file : routeFiles) {
            JsonNode root;
            try {
                root = RouteYaml.read(file);
            } catch (Exception e) {
                continue; // the route checks say what is wrong with the file
            }
            if (root == null) {
                continue;
            }
            for (JsonNode item : root) {
                JsonNode route = item.path("route");
                if (!route.isObject()) {
                    continue;
                }
                String kind = kind(route.path("from"));
                List<Endpoint> into = new ArrayList<>();
                collect(checks, route, into);
                if (kind != null) {
                    byKind.computeIfAbsent(kind, k -> new ArrayList<>()).addAll(into);
                    routes.computeIfAbsent(kind, k -> new ArrayList<>()).add(route);
                    Map<String, String> own = defaults.computeIfAbsent(kind, k -> new LinkedHashMap<>());
                    route.path("from").path("parameters").fields().forEachRemaining(
                            f -> own.put(Monitor.kebabCase(f.getKey()), checks.resolve(f.getValue().asText(), Map.of())));
                    Matcher setting = READ.matcher(route.toString());
                    while (setting.find()) {
                        read.computeIfAbsent(kind, k -> new TreeSet<>()).add(setting.group(1));
                    }
                } else {
                    shared.addAll(into);
                }
            }
        }
        return new KindRoutes(byKind, shared, routes, read, defaults);
    }

    /** {@code schedule:<kind>} without a cron: a kind's route. */
    private static String kind(JsonNode from) {
        String uri = from.path("uri").asText("");
        if (!uri.startsWith("schedule:") || from.path("parameters").has("cron") || uri.contains("cron=")) {
            return null;
        }
        String name = uri.substring("schedule:".length());
        return name.contains("?") ? name.substring(0, name.indexOf('?')) : name;
    }

    private static void collect(CheckContext checks, JsonNode node, List<Endpoint> into) {
        if (node.isArray()) {
            node.forEach(n -> collect(checks, n, into));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        String uri = node.path("uri").asText(null);
        if (uri != null && uri.matches("[a-z-]+:(//)?" + PerMonitor.LABEL + "([?].*)?")) {
            try {
                into.add(checks.context.getEndpoint(checks.resolve(
                        EndpointCheck.builtUri(uri, node.path("parameters")), Map.of())));
            } catch (Exception e) {
                return; // the route checks report it
            }
        }
        node.fields().forEachRemaining(f -> {
            if (f.getValue().isTextual() && f.getKey().equals("to")
                    && f.getValue().asText().matches("[a-z-]+:(//)?" + PerMonitor.LABEL + "([?].*)?")) {
                try {
                    into.add(checks.context.getEndpoint(f.getValue().asText()));
                } catch (Exception e) {
                    // the route checks report it
                }
            } else {
                collect(checks, f.getValue(), into);
            }
        });
    }
}
