package io.bactrian.endpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import io.bactrian.monitor.Monitor;
import org.apache.camel.Endpoint;
import org.apache.camel.Producer;
import org.apache.camel.util.URISupport;

/**
 * Steps of a kind's route name the label {@code monitor} ({@code http-probe:monitor}): they check
 * the monitor the exchange carries, with its settings over the step's URI parameters, which are
 * the kind's defaults. As Camel's own components take a header over an endpoint option, one
 * route serves every monitor of its kind.
 */
public final class PerMonitor {
    public static final String LABEL = "monitor";

    private PerMonitor() {
    }

    /** What an endpoint's {@code createProducer} returns: per monitor for the label {@code monitor}, else its own. */
    public static Producer producer(Endpoint endpoint, String label, Callable<Producer> own) throws Exception {
        return LABEL.equals(label) ? new PerMonitorProducer(endpoint) : own.call();
    }

    /** Whether the label marks the step of a kind's route, whose parameters are defaults. */
    public static boolean isKindStep(String label) {
        return LABEL.equals(label);
    }

    /**
     * The step's endpoint for one monitor: its URI with the monitor's id as the label and the
     * monitor's settings that this endpoint has over the step's parameters, made as the route's
     * own endpoints are, so the same checks decide. The names of the settings it took are added
     * to {@code taken}; the others belong to other steps.
     */
    public static Endpoint endpointFor(Endpoint step, Monitor monitor, Set<String> taken) throws Exception {
        String uri = step.getEndpointUri();
        int q = uri.indexOf('?');
        Set<String> options = settings(step); // case-insensitive
        Map<String, Object> parameters = new LinkedHashMap<>(q < 0 ? Map.of() : query(step, uri));
        monitor.stepSettings().forEach((name, value) -> {
            if (options.contains(name)) {
                parameters.keySet().removeIf(n -> n.equalsIgnoreCase(name));
                parameters.put(name, value);
                taken.add(name);
            }
        });
        StringBuilder built = new StringBuilder(relabel(q < 0 ? uri : uri.substring(0, q), monitor.id()));
        char sep = '?';
        for (Map.Entry<String, Object> p : parameters.entrySet()) {
            // RAW: the value reaches the endpoint as written (URLs, expressions, passwords)
            built.append(sep).append(p.getKey()).append("=RAW(").append(p.getValue()).append(')');
            sep = '&';
        }
        return step.getComponent().createEndpoint(built.toString());
    }

    /**
     * What a monitor may set on a step: the parameters of our own endpoint classes, not the one
     * Camel gives every producer (lazyStartProducer), nor the label, which is the monitor's id.
     */
    public static Set<String> settings(Endpoint step) {
        return SETTINGS.computeIfAbsent(step.getClass(), c -> {
            Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            names.addAll(EndpointOptions.of(step));
            names.remove("lazyStartProducer");
            names.remove("label");
            return Collections.unmodifiableSet(names);
        });
    }

    /** Read once per class: thousands of monitors share a handful of steps. */
    private static final Map<Class<?>, Set<String>> SETTINGS = new ConcurrentHashMap<>();

    /** The step's own parameters, values as the endpoint got them. */
    private static Map<String, ?> query(Endpoint step, String uri) throws Exception {
        if (step.getComponent() instanceof VerbatimComponent) {
            return VerbatimComponent.parameters(uri, EndpointOptions.of(step));
        }
        Map<String, Object> query = URISupport.parseQuery(uri.substring(uri.indexOf('?') + 1), true);
        URISupport.resolveRawParameterValues(query);
        return query;
    }

    /** {@code http-probe://monitor?timeout=3s} with id {@code shop}: {@code http-probe:shop?timeout=3s}. */
    static String relabel(String uri, String id) {
        int colon = uri.indexOf(':');
        String rest = uri.substring(colon + 1);
        if (rest.startsWith("//")) {
            rest = rest.substring(2);
        }
        if (!rest.startsWith(LABEL)) {
            throw new IllegalArgumentException(uri + ": not a step of a kind's route (label '" + LABEL + "')");
        }
        return uri.substring(0, colon) + ":" + id + rest.substring(LABEL.length());
    }
}
