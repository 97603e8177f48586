package io.camelmonitor.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import io.camelmonitor.monitor.Monitor;

/**
 * Renders a component's parameter table from the component JSON Camel's
 * camel-component-maven-plugin writes ({@code META-INF/<package of the component>/<scheme>.json}),
 * and puts it between a page's {@code <!-- parameters:<scheme> -->} and {@code <!-- /parameters -->}.
 * The names are the monitor list's (kebab-case), as a kind page documents them.
 */
final class ParameterTable {
    static final Pattern SECTION = Pattern.compile("(<!-- parameters:([a-z-]+) -->\\n)(.*?)(<!-- /parameters -->)",
            Pattern.DOTALL);
    /** Options every Camel endpoint has; not settings of a monitor. */
    private static final Set<String> CAMEL_OWN = Set.of("lazyStartProducer", "bridgeErrorHandler", "exceptionHandler",
            "exchangePattern");
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** The table of the endpoint's parameters (not its path, not Camel's own options), in the JSON's order. */
    static String render(String componentJson) throws IOException {
        StringBuilder table = new StringBuilder("| setting | default | meaning |\n|---|---|---|\n");
        Iterator<Map.Entry<String, JsonNode>> properties = JSON.readTree(componentJson).path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> p = properties.next();
            JsonNode option = p.getValue();
            if (!"parameter".equals(option.path("kind").asText()) || CAMEL_OWN.contains(p.getKey())) {
                continue;
            }
            String defaultValue = option.path("defaultValue").asText("");
            String meaning = option.path("description").asText("").replace("|", "\\|").replace("\n", " ");
            if (option.path("required").asBoolean()) {
                meaning = "**required**: " + meaning;
            }
            if (option.path("secret").asBoolean()) {
                meaning += " (a secret: never logged)";
            }
            table.append("| `").append(Monitor.kebabCase(p.getKey())).append("` | ")
                    .append(defaultValue.isEmpty() ? "—" : "`" + defaultValue + "`").append(" | ")
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

    private static InputStream resource(String path) {
        return ParameterTable.class.getClassLoader().getResourceAsStream(path);
    }
}
