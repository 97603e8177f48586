package io.bactrian.config;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.bactrian.channel.list.Channels;
import io.bactrian.core.Problem;
import org.apache.camel.Component;
import org.apache.camel.util.URISupport;

/**
 * Walks a route (or template) for endpoint URIs and creates each one of our own components
 * exactly as the running application would, so the component's own rules decide; what the
 * URIs name must exist ({@link References}), and a channel a route sends to needs its settings.
 */
final class EndpointCheck {
    /** The project's root package: its components are those Camel resolves to a class under it. */
    private static final String OURS = EndpointCheck.class.getPackageName()
            .substring(0, EndpointCheck.class.getPackageName().lastIndexOf('.') + 1);

    private final CheckContext checks;
    private final References references;

    EndpointCheck(CheckContext checks, References references) {
        this.checks = checks;
        this.references = references;
    }

    void check(JsonNode node, Map<String, String> templateValues, String file, String monitor, List<Problem> problems) {
        if (node.isArray()) {
            node.forEach(n -> check(n, templateValues, file, monitor, problems));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (node.path("uri").isTextual()) {
            checkEndpoint(node.path("uri").asText(), node.path("parameters"), templateValues, file, monitor, problems);
        }
        references.checkRefs(node, file, monitor, problems);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isTextual() && Set.of("to", "toD", "wireTap", "from").contains(field.getKey())) {
                checkEndpoint(field.getValue().asText(), null, templateValues, file, monitor, problems);
            } else if (field.getValue().isContainerNode() && !"parameters".equals(field.getKey())) {
                check(field.getValue(), templateValues, file, monitor, problems);
            }
        }
    }

    private void checkEndpoint(String uri, JsonNode parameters, Map<String, String> templateValues, String file,
                               String monitor, List<Problem> problems) {
        int colon = uri.indexOf(':');
        String scheme = colon < 0 ? uri : uri.substring(0, colon);
        if (!references.checkEndpoint(scheme, uri, templateValues, file, monitor, problems)) {
            return;
        }
        if (scheme.equals("kamelet")) {
            checkChannelSink(checks.resolve(builtUri(uri, parameters), templateValues).substring(colon + 1), file, monitor,
                    problems);
            return;
        }
        if (!ours(scheme)) {
            return;
        }
        try {
            checks.context.getEndpoint(checks.resolve(builtUri(uri, parameters), templateValues));
        } catch (Exception e) {
            problems.add(new Problem(file, monitor, scheme, RootMessage.of(e)));
        }
    }

    /**
     * Whether Camel resolves the scheme (from the components' META-INF/services entries) to one of
     * this project's components, which check their settings when made; others are left to Camel.
     */
    private boolean ours(String scheme) {
        if (!scheme.matches("[a-z][a-z0-9-]*")) {
            return false; // a placeholder or a typo: References has said what is wrong with it
        }
        try {
            Component component = checks.context.getComponent(scheme);
            return component != null && component.getClass().getName().startsWith(OURS);
        } catch (RuntimeException notResolvable) {
            return false;
        }
    }

    /**
     * The URI as the YAML DSL builds it when it loads the file: parameters appended not encoded,
     * placeholders still in it (they are resolved when the endpoint is made, as at start-up).
     */
    static String builtUri(String uri, JsonNode parameters) {
        if (parameters == null || parameters.size() == 0) {
            return uri;
        }
        if (uri.indexOf('?') >= 0) {
            throw new IllegalArgumentException("uri '" + uri + "' has a query and parameters: use one of the two");
        }
        Map<String, Object> query = new LinkedHashMap<>();
        parameters.fields().forEachRemaining(p -> query.put(p.getKey(), p.getValue().asText()));
        query.forEach((name, value) -> {
            if (value.toString().startsWith("RAW(") && value.toString().contains("%")) {
                // the YAML DSL writes each % of it as %25, and the step would get that
                throw new IllegalArgumentException(name + ": a % in a RAW(...) value written in the route file is doubled"
                        + " by Camel's YAML loader; put the value in application.properties and write RAW({{key}})");
            }
        });
        return uri + "?" + URISupport.createQueryString(query, false);
    }

    /** A channel named by a route ({@code kamelet:channel-sink?channel=wecom}) needs its settings. */
    private void checkChannelSink(String kamelet, String file, String monitor, List<Problem> problems) {
        String[] parts = kamelet.split("\\?", 2);
        if (!parts[0].equals("channel-sink") || parts.length < 2) {
            return;
        }
        for (String parameter : parts[1].split("&")) {
            if (parameter.startsWith("channel=")) {
                String[] problem = Channels.problem(parameter.substring("channel=".length()), "kamelet:" + kamelet,
                        key -> checks.property(key, ""));
                if (problem != null) {
                    problems.add(new Problem(file, monitor, problem[0], problem[1]));
                }
            }
        }
    }
}
