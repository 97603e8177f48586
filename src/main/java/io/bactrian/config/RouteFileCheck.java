package io.bactrian.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import io.bactrian.core.Problem;
import org.apache.camel.support.DefaultExchange;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The route files: YAML syntax, the YAML DSL schema, an id on every route, unique over all
 * files, and each route and templated route as Camel creates it (its precondition, the
 * template's parameters), whose endpoints and node lists are then checked.
 */
final class RouteFileCheck {
    private static final Pattern WHOLE_PLACEHOLDER = Pattern.compile("\\{\\{[^{}]+}}");
    private final CheckContext checks;
    private final boolean schemaCheck;
    private final References references;
    private final EndpointCheck endpoints;
    private final SpeedTestNodes speedTestNodes;

    RouteFileCheck(CheckContext checks, boolean schemaCheck, References references, SpeedTestNodes speedTestNodes) {
        this.checks = checks;
        this.schemaCheck = schemaCheck;
        this.references = references;
        this.endpoints = new EndpointCheck(checks, references);
        this.speedTestNodes = speedTestNodes;
    }

    List<Problem> problems(List<Path> files) {
        List<Problem> problems = new ArrayList<>();
        Map<String, JsonNode> templates = new HashMap<>();
        Map<String, String> routeIds = new HashMap<>();
        Map<Path, JsonNode> parsed = new LinkedHashMap<>();
        for (Path file : files) {
            String name = checks.name(file);
            try {
                JsonNode root = RouteYaml.read(file);
                if (root == null || root.isMissingNode() || root.isNull()) {
                    // Camel refuses such a file ("Resource is empty", "Unable to parse resource")
                    problems.add(new Problem(name, null, null, "has no route (an empty file, or only comments):"
                            + " add a route or delete the file"));
                    continue;
                }
                parsed.put(file, root);
                if (schemaCheck) {
                    for (ValidationMessage m : RouteYaml.schema().validate(root)) {
                        if (placeholderOfAnotherType(m)) {
                            continue;
                        }
                        String where = m.getInstanceLocation().toString();
                        String message = m.getMessage();
                        problems.add(new Problem(name, null, where,
                                message.startsWith(where + ": ") ? message.substring(where.length() + 2) : message));
                    }
                }
                for (JsonNode item : root) {
                    item.path("beans").forEach(bean -> references.declareBean(bean.path("name").asText()));
                    JsonNode template = item.path("routeTemplate");
                    if (template.isObject()) {
                        templates.put(template.path("id").asText(), template);
                    }
                }
            } catch (MarkedYamlEngineException e) {
                problems.add(new Problem(name, null, e.getProblemMark().map(m -> "line " + (m.getLine() + 1)).orElse(null),
                        "not valid YAML: " + RouteYaml.yamlError(e)));
            } catch (YamlEngineException e) {
                problems.add(new Problem(name, null, null, "not valid YAML: " + e.getMessage()));
            } catch (IOException e) {
                problems.add(new Problem(name, null, null, "cannot be read: " + e.getMessage()));
            }
        }
        for (Map.Entry<Path, JsonNode> entry : parsed.entrySet()) {
            String name = checks.name(entry.getKey());
            for (JsonNode item : entry.getValue()) {
                JsonNode route = item.path("route");
                if (route.isObject() && !checkRoute(route, name, routeIds, problems)) {
                    continue;
                }
                JsonNode templated = item.path("templatedRoute");
                if (templated.isObject()) {
                    checkTemplated(templated, templates, name, routeIds, problems);
                }
                JsonNode rest = item.path("rest");
                if (rest.isObject() && !serverOn() && !disabled(rest)) {
                    problems.add(new Problem(name, rest.path("id").asText(null), "rest.disabled", "a rest needs the"
                            + " server, and camel.server.enabled is false: give the rest disabled:"
                            + " \"{{not:camel.server.enabled}}\" to leave it out then"));
                }
            }
        }
        return problems;
    }

    /**
     * A property placeholder where the schema wants a boolean or a number, e.g. a rest's
     * {@code disabled: "{{not:camel.server.enabled}}"}: Camel resolves it into that type, the schema knows only the resolved types.
     */
    private static boolean placeholderOfAnotherType(ValidationMessage m) {
        JsonNode value = m.getInstanceNode();
        return "type".equals(m.getType()) && value != null && value.isTextual()
                && WHOLE_PLACEHOLDER.matcher(value.asText()).matches();
    }

    /** False when the route has no id: nothing else of it is checked. */
    private boolean checkRoute(JsonNode route, String file, Map<String, String> routeIds, List<Problem> problems) {
        String id = route.path("id").asText(null);
        if (id == null || id.isBlank()) {
            problems.add(new Problem(file, null, "route.id",
                    "every route needs an id: it names the monitor in alerts and keeps reloads safe"));
            return false;
        }
        unique(id, file, routeIds, problems);
        List<Problem> found = new ArrayList<>();
        endpoints.check(route, Map.of(), file, id, found);
        speedTestNodes.check(route, Map.of(), file, id, found);
        if (!active(route, file, id, problems)) {
            // a route whose precondition is false is not created: it needs no target,
            // but its other settings are still checked
            found.removeIf(p -> p.message() != null && p.message().endsWith(" is not set"));
        } else if (route.path("from").path("uri").asText("").startsWith("platform-http:") && !serverOn()) {
            // Camel stops the start-up on it ("No PlatformHttpEngine"): validate says so first
            found.add(new Problem(file, id, "from.uri", "platform-http needs the server, and camel.server.enabled is"
                    + " false: give the route precondition: \"{{camel.server.enabled}}\" to leave it out then"));
        }
        problems.addAll(found);
        return true;
    }

    /** Whether the rest is left out, its {@code disabled} resolved as Camel resolves it. */
    private boolean disabled(JsonNode rest) {
        return Boolean.parseBoolean(checks.resolvePlaceholders(rest.path("disabled").asText("false")).strip());
    }

    /** Whether camel-main starts the HTTP server: off unless set, as Camel has it. */
    private boolean serverOn() {
        return Boolean.parseBoolean(checks.resolvePlaceholders("{{camel.server.enabled:false}}").strip());
    }

    /** A monitor made from a route template, checked with the template's parameters filled in. */
    private void checkTemplated(JsonNode templated, Map<String, JsonNode> templates, String file,
                                Map<String, String> routeIds, List<Problem> problems) {
        String ref = templated.path("routeTemplateRef").asText();
        Map<String, String> values = new HashMap<>();
        for (JsonNode p : templated.path("parameters")) {
            values.put(p.path("name").asText(), p.path("value").asText());
        }
        JsonNode template = templates.get(ref);
        String id = templated.path("routeId").asText(null);
        if (template == null) {
            problems.add(new Problem(file, id, "routeTemplateRef", "no route template with id '" + ref + "'"));
            return;
        }
        if (id == null || id.isBlank()) {
            problems.add(new Problem(file, null, "templatedRoute.routeId",
                    "every monitor made from template '" + ref + "' needs a routeId: it names the monitor in alerts"));
            return;
        }
        unique(id, file, routeIds, problems);
        for (JsonNode p : template.path("parameters")) {
            String param = p.path("name").asText();
            if (!values.containsKey(param)) {
                if (p.has("defaultValue")) {
                    values.put(param, p.path("defaultValue").asText());
                } else if (p.path("required").asBoolean(true)) {
                    problems.add(new Problem(file, id, "parameters." + param,
                            "template '" + ref + "' requires this parameter"));
                    return;
                }
            }
        }
        endpoints.check(template, values, file, id, problems);
        speedTestNodes.check(template, values, file, id, problems);
    }

    /**
     * Whether the route exists with these properties: a route whose {@code precondition} is false
     * (a ready-made monitor not configured) is not created, as Camel decides it at load time.
     */
    private boolean active(JsonNode route, String file, String monitor, List<Problem> problems) {
        String precondition = route.path("precondition").asText("");
        if (precondition.isBlank()) {
            return true;
        }
        try {
            String resolved = checks.resolvePlaceholders(precondition);
            return checks.context.resolveLanguage("simple").createPredicate(resolved).matches(new DefaultExchange(checks.context));
        } catch (Exception e) {
            problems.add(new Problem(file, monitor, "precondition", RootMessage.of(e)));
            return false;
        }
    }

    private static void unique(String id, String file, Map<String, String> routeIds, List<Problem> problems) {
        String previous = routeIds.putIfAbsent(id, file);
        if (previous != null) {
            problems.add(new Problem(file, id, "id", "the same id is already used in " + previous));
        }
    }
}
