package io.bactrian.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bactrian.api.KindSetting;
import io.bactrian.endpoint.PerMonitor;
import io.bactrian.monitor.Monitor;
import org.apache.camel.CatalogCamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.util.URISupport;

/**
 * The settings of each kind, from what already describes them: the component metadata of the
 * kind's steps (type, description, required, secret) and the defaults its route gives them, so a
 * form of them says what {@code validate} takes.
 */
final class KindSettings {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Read by the schedule and the channels rather than a step; said of no component. */
    private static final Set<String> UNDESCRIBED = Set.of("channels", "severity", "group", "description", "tags");
    private final CheckContext checks;
    private final Map<String, JsonNode> schemas = new LinkedHashMap<>();

    KindSettings(CheckContext checks) {
        this.checks = checks;
    }

    /** Each kind's settings in form order: schedule, the kind's steps, what it reads itself, the shared steps, the rest. */
    Map<String, List<KindSetting>> describe(KindRoutes routes) {
        Map<String, List<KindSetting>> kinds = new LinkedHashMap<>();
        for (String kind : routes.byKind().keySet()) {
            Map<String, String> defaults = routes.defaults().getOrDefault(kind, Map.of());
            Map<String, KindSetting> settings = new LinkedHashMap<>();
            JsonNode schedule = schema("schedule").path("properties");
            for (String name : List.of("cron", "timeZone")) {
                add(settings, name, schedule.path(name), defaults, Map.of());
            }
            for (Endpoint step : routes.of(kind)) {
                Map<String, Object> own = parameters(step);
                Set<String> options = PerMonitor.settings(step);
                List<Map.Entry<String, JsonNode>> properties = new ArrayList<>();
                schema(scheme(step)).path("properties").fields().forEachRemaining(p -> {
                    if (options.contains(p.getKey()) && "parameter".equals(p.getValue().path("kind").asText())) {
                        properties.add(p);
                    }
                });
                // what a monitor must set first, as a form asks for it
                properties.sort(Comparator.comparing(p -> !p.getValue().path("required").asBoolean(false)));
                properties.forEach(p -> add(settings, p.getKey(), p.getValue(), defaults, own));
            }
            routes.read().getOrDefault(kind, Set.of()).forEach(name -> add(settings, name, JSON.createObjectNode(),
                    defaults, Map.of()));
            Monitor.COMMON.stream().filter(UNDESCRIBED::contains).sorted()
                    .forEach(name -> add(settings, name, JSON.createObjectNode(), defaults, Map.of()));
            kinds.put(kind, List.copyOf(settings.values()));
        }
        return kinds;
    }

    private static void add(Map<String, KindSetting> settings, String option, JsonNode meta, Map<String, String> defaults,
                            Map<String, Object> stepParameters) {
        String name = Monitor.kebabCase(option);
        if (settings.containsKey(name)) {
            return;
        }
        String fallback = defaults.get(name);
        if (fallback == null) {
            Object own = stepParameters.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(option))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            fallback = own != null ? own.toString() : meta.has("defaultValue") ? meta.get("defaultValue").asText() : null;
        }
        List<String> choices = new ArrayList<>();
        meta.path("enum").forEach(c -> choices.add(c.asText()));
        settings.put(name, new KindSetting(name, meta.path("type").asText("string"),
                meta.path("required").asBoolean(false) && fallback == null, fallback, meta.path("description").asText(""),
                meta.path("secret").asBoolean(false), List.copyOf(choices)));
    }

    private static String scheme(Endpoint step) {
        String uri = step.getEndpointUri();
        return uri.substring(0, uri.indexOf(':'));
    }

    /** The step's URI parameters: the kind's own defaults for it. */
    private static Map<String, Object> parameters(Endpoint step) {
        String uri = step.getEndpointUri();
        int q = uri.indexOf('?');
        try {
            if (q < 0) {
                return Map.of();
            }
            Map<String, Object> query = URISupport.parseQuery(uri.substring(q + 1), true);
            URISupport.resolveRawParameterValues(query);
            return query;
        } catch (Exception e) {
            return Map.of(); // the route checks report it
        }
    }

    private JsonNode schema(String component) {
        return schemas.computeIfAbsent(component, c -> {
            try {
                String text = checks.context instanceof CatalogCamelContext catalog
                        ? catalog.getComponentParameterJsonSchema(c) : null;
                return text == null ? JSON.createObjectNode() : JSON.readTree(text);
            } catch (Exception e) {
                return JSON.createObjectNode(); // a component without metadata describes nothing
            }
        });
    }
}
