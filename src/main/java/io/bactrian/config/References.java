package io.bactrian.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import io.bactrian.core.Problem;
import org.apache.camel.support.PluginHelper;

/**
 * What a route names that must exist when it is created: the component of each endpoint, the
 * bean of {@code bean:<name>} and {@code ref: <name>}, the kamelet of {@code kamelet:<name>}.
 * Camel finds a missing one only when it builds the route, and stops start-up with a trace.
 */
final class References {
    private final CheckContext checks;
    private final Set<String> declaredBeans = new TreeSet<>();

    References(CheckContext checks) {
        this.checks = checks;
    }

    /** A bean a route file defines itself ({@code - beans: [{name: ...}]}). */
    void declareBean(String name) {
        if (!name.isBlank()) {
            declaredBeans.add(name);
        }
    }

    /** False, with the problem added, when the endpoint's component, bean or kamelet does not exist. */
    boolean checkEndpoint(String scheme, String uri, Map<String, String> templateValues, String file, String monitor,
                          List<Problem> problems) {
        if (scheme.contains("{{") || uri.contains("${")) {
            return true; // chosen at run time (toD), or a template parameter
        }
        String problem;
        if (!componentExists(scheme)) {
            problem = "no such Camel component in this jar (uri '" + uri + "')";
        } else if (scheme.equals("bean")) {
            problem = beanProblem(checks.resolve(uri.substring(uri.indexOf(':') + 1), templateValues).split("\\?", 2)[0]);
        } else if (scheme.equals("kamelet")) {
            problem = kameletProblem(checks.resolve(uri.substring(uri.indexOf(':') + 1), templateValues).split("[?/]", 2)[0]);
        } else {
            problem = null;
        }
        if (problem != null) {
            problems.add(new Problem(file, monitor, scheme, problem));
            return false;
        }
        return true;
    }

    /** {@code bean: {ref: ...}} and {@code method: {ref: ...}} steps. */
    void checkRefs(JsonNode node, String file, String monitor, List<Problem> problems) {
        for (String step : List.of("bean", "method")) {
            JsonNode ref = node.path(step).path("ref");
            if (ref.isTextual()) {
                String problem = beanProblem(checks.resolve(ref.asText(), Map.of()));
                if (problem != null) {
                    problems.add(new Problem(file, monitor, step + ".ref", problem));
                }
            }
        }
    }

    private boolean componentExists(String scheme) {
        try {
            return checks.context.hasComponent(scheme) != null
                    || PluginHelper.getComponentResolver(checks.context).resolveComponent(scheme, checks.context) != null;
        } catch (Exception e) {
            return false;
        }
    }

    private String beanProblem(String name) {
        if (name.isBlank() || name.contains(".") || name.startsWith("#") || declaredBeans.contains(name)
                || MonitorConfiguration.beanNames().contains(name) || checks.context.getRegistry().lookupByName(name) != null) {
            return null; // a class name, or a bean that exists
        }
        Set<String> known = new TreeSet<>(MonitorConfiguration.beanNames());
        known.addAll(declaredBeans);
        return "no bean named '" + name + "'; the beans are " + String.join(", ", known);
    }

    /** The jar's kamelets; with camel.component.kamelet.location set, Camel looks elsewhere too. */
    private String kameletProblem(String name) {
        if (name.isBlank() || name.equals("source") || name.equals("sink")
                || !checks.property("camel.component.kamelet.location", "").isBlank()
                || References.class.getResource("/kamelets/" + name + ".kamelet.yaml") != null) {
            return null;
        }
        return "no kamelet named '" + name + "' (the kamelets are in the jar's kamelets/ folder)";
    }
}
