package io.bactrian.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.bactrian.monitor.Monitor;
import org.apache.camel.spi.UriParam;

/**
 * Renders a component's parameter table from the component JSON Camel's
 * camel-component-maven-plugin writes ({@code META-INF/<package of the component>/<scheme>.json}),
 * and puts it between a page's {@code <!-- parameters:<scheme> -->} and {@code <!-- /parameters -->}.
 * The names are the monitor list's (kebab-case), as a kind page documents them. The meaning is the
 * endpoint's {@code @UriParam} description as written: the plugin drops {@code <}, {@code >} and
 * {@code [*]} from the JSON's copy, which the examples need ({@code totalMs < 2000}).
 */
final class ParameterTable {
    static final Pattern SECTION = Pattern.compile("(<!-- parameters:([a-z-]+) -->\\n)(.*?)(<!-- /parameters -->)",
            Pattern.DOTALL);
    /** Options every Camel endpoint has; not settings of a monitor. */
    private static final Set<String> CAMEL_OWN = Set.of("lazyStartProducer", "bridgeErrorHandler", "exceptionHandler",
            "exchangePattern");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A kind's default longer than this (a PromQL expression) is left to its route file. */
    private static final int LONGEST_DEFAULT = 60;

    private ParameterTable() {
    }

    /** Where the component JSON of {@code scheme} is on the class path, found from its service file. */
    static String jsonPath(String scheme) {
        try (InputStream in = resource("META-INF/services/org/apache/camel/component/" + scheme)) {
            if (in == null) {
                throw new IllegalArgumentException("no component '" + scheme + "' in this jar");
            }
            Properties service = new Properties();
            service.load(in);
            String type = service.getProperty("class");
            return "META-INF/" + type.substring(0, type.lastIndexOf('.')).replace('.', '/') + "/" + scheme + ".json";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The component JSON of {@code scheme}, when the build generated one. */
    static Optional<String> json(String scheme) {
        try (InputStream in = resource(jsonPath(scheme))) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The table of the endpoint's parameters (not its path, not Camel's own options), in the JSON's order.
     *
     * @param kindDefaults the parameters the kind's route gives the step (camelCase), shown where
     *                     they are the default a monitor gets
     */
    static String render(String componentJson, Map<String, String> kindDefaults) throws IOException {
        StringBuilder table = new StringBuilder("| setting | default | meaning |\n|---|---|---|\n");
        JsonNode root = JSON.readTree(componentJson);
        Class<?> endpoint = endpointClass(root.path("component").path("javaType").asText(""));
        Iterator<Map.Entry<String, JsonNode>> properties = root.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> p = properties.next();
            JsonNode option = p.getValue();
            if (!"parameter".equals(option.path("kind").asText()) || CAMEL_OWN.contains(p.getKey())) {
                continue;
            }
            String defaultValue = option.path("defaultValue").asText("");
            String kindDefault = kindDefaults.get(p.getKey());
            String shown = defaultValue.isEmpty() ? "—" : "`" + defaultValue + "`";
            if (kindDefault != null && kindDefault.length() > LONGEST_DEFAULT) {
                shown = defaultValue.isEmpty() ? "set by the kind's route" : shown + "; the kind's route sets its own";
            } else if (kindDefault != null && defaultValue.isEmpty()) {
                shown = "`" + kindDefault + "` (the kind's route)";
            } else if (kindDefault != null && !kindDefault.equals(defaultValue)) {
                shown += "; the kind's route: `" + kindDefault + "`";
            }
            shown = shown.replace("|", "\\|");
            String meaning = description(endpoint, p.getKey(), option.path("description").asText(""))
                    .replace("|", "\\|").replace("<", "\\<").replace("\n", " "); // <op> is no HTML tag
            if (option.path("required").asBoolean()) {
                meaning = "**required**: " + meaning;
            }
            if (option.path("secret").asBoolean()) {
                meaning += " (a secret: never logged)";
            }
            table.append("| `").append(Monitor.kebabCase(p.getKey())).append("` | ")
                    .append(shown).append(" | ")
                    .append(meaning).append(" |\n");
        }
        return table.toString();
    }

    /** The page with each marked section replaced by what {@code tableOf} gives its scheme (none: kept). */
    static String fill(String page, Function<String, Optional<String>> tableOf) {
        Matcher m = SECTION.matcher(page);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String table = tableOf.apply(m.group(2)).orElse(m.group(3));
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + table + m.group(4)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The parameters a kind's route ({@code routes/*-monitors.yaml}, the first by name that has
     * one) gives its {@code <scheme>:monitor} step: the defaults of that kind's monitors, RAW(...) unwrapped.
     */
    static Map<String, String> kindDefaults(String scheme) throws IOException {
        Map<String, String> defaults = new LinkedHashMap<>();
        List<Path> routes;
        try (var files = Files.list(Path.of("routes"))) {
            routes = files.filter(f -> f.getFileName().toString().endsWith("-monitors.yaml")).sorted().toList();
        }
        for (Path route : routes) {
            for (JsonNode step : new YAMLMapper().readTree(route.toFile()).findParents("uri")) {
                if (step.path("uri").asText().equals(scheme + ":monitor") && defaults.isEmpty()) {
                    step.path("parameters").fields().forEachRemaining(e -> defaults.put(e.getKey(),
                            e.getValue().asText().replaceAll("^RAW\\((.*)\\)$", "$1")));
                }
            }
        }
        return defaults;
    }

    /** The endpoint class beside the component ({@code XComponent}: {@code XEndpoint}), or null. */
    private static Class<?> endpointClass(String componentType) {
        try {
            return Class.forName(componentType.replaceAll("Component$", "Endpoint"));
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** The field's {@code @UriParam} description, here or in a superclass; else the JSON's. */
    private static String description(Class<?> endpoint, String field, String fromJson) {
        for (Class<?> c = endpoint; c != null; c = c.getSuperclass()) {
            try {
                UriParam param = c.getDeclaredField(field).getAnnotation(UriParam.class);
                return param == null || param.description().isBlank() ? fromJson : param.description();
            } catch (NoSuchFieldException e) {
                // declared further up
            }
        }
        return fromJson;
    }

    private static InputStream resource(String path) {
        return ParameterTable.class.getClassLoader().getResourceAsStream(path);
    }
}
