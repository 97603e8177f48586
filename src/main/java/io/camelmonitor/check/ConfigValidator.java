package io.camelmonitor.check;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.camelmonitor.channel.ChannelSenders;
import io.camelmonitor.channel.MailSettings;
import io.camelmonitor.channel.MessageTemplates;
import io.camelmonitor.history.Database;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.PropertyBindingException;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.util.URISupport;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Checks application.properties and the route files before anything runs: YAML syntax, the
 * YAML DSL schema, route ids, and every endpoint of our own components, which it creates
 * exactly as the running application would so the same rules decide.
 */
public class ConfigValidator {
    /** The project's root package: its components are those Camel resolves to a class under it. */
    private static final String OURS = ConfigValidator.class.getPackageName()
            .substring(0, ConfigValidator.class.getPackageName().lastIndexOf('.') + 1);
    /** camel-yaml-dsl's own parser: start-up reads the route files without loading a second one. */
    private static final LoadSettings YAML = LoadSettings.builder().build();
    private static JsonSchema schema;

    final CamelContext context;
    private final Path base;
    private final boolean schemaCheck;
    private final References references = new References(this);
    private final SpeedTestNodes speedTestNodes;

    /**
     * Checks what {@code context}'s properties name; relative route paths start at {@code base}.
     * The YAML DSL schema check takes seconds, so start-up leaves it to Camel's own parser.
     */
    public ConfigValidator(CamelContext context, Path base, boolean schemaCheck) {
        this.context = context;
        this.base = base.toAbsolutePath().normalize();
        this.schemaCheck = schemaCheck;
        this.speedTestNodes = new SpeedTestNodes(this, this.base);
    }

    SpeedTestNodes speedTestNodes() {
        return speedTestNodes;
    }

    /** The route files the include pattern names. */
    public List<Path> routeFiles() throws IOException {
        return RouteFiles.matching(context.resolvePropertyPlaceholders("{{camel.main.routes-include-pattern:}}"), base);
    }

    /** Every problem of the monitor lists, checked against the route files' kinds. */
    public List<Problem> validateMonitors() throws IOException {
        return new MonitorChecks(this, base).check(routeFiles());
    }

    /** Every problem in the properties and in the route files the include pattern names. */
    public List<Problem> validate() throws IOException {
        List<Problem> problems = new ArrayList<>(validateProperties());
        List<Path> routes = routeFiles();
        problems.addAll(validateRoutes(routes));
        problems.addAll(new MonitorChecks(this, base).check(routes));
        return problems;
    }

    /**
     * What is not wrong but likely a mistake: keys of application.properties that nothing reads
     * (files the values name, a speed test's node list, may hold placeholders too), and monitors
     * still written as one route each.
     */
    public List<Problem> warnings() throws IOException {
        java.util.Properties values = context.getPropertiesComponent().loadProperties();
        List<String> keys = values.stringPropertyNames().stream().sorted().toList();
        List<String> texts = new ArrayList<>();
        List<Path> routes = routeFiles();
        for (Path file : routes) {
            texts.add(Files.readString(file));
        }
        for (Path file : MonitorLists.files(context, base)) {
            texts.add(Files.readString(file));
        }
        for (String key : keys) {
            String value = values.getProperty(key, "");
            texts.add(value);
            Path named = value.matches("[^{}\\s]+\\.ya?ml") ? base.resolve(value) : null;
            if (named != null && Files.isRegularFile(named)) {
                texts.add(Files.readString(named));
            }
        }
        List<Problem> warnings = new ArrayList<>(UnknownKeys.warnings("application.properties", keys, texts));
        warnings.addAll(templatedMonitors(routes));
        return warnings;
    }

    /**
     * One line per route file that still makes monitors from the http-status template, a route
     * each: the monitor lists check them all from one route.
     */
    private List<Problem> templatedMonitors(List<Path> routes) {
        List<Problem> warnings = new ArrayList<>();
        for (Path file : routes) {
            long count;
            try {
                JsonNode root = read(file);
                if (root == null) {
                    continue;
                }
                count = java.util.stream.StreamSupport.stream(root.spliterator(), false)
                        .filter(item -> "http-status".equals(item.path("templatedRoute").path("routeTemplateRef").asText()))
                        .count();
            } catch (IOException | YamlEngineException e) {
                continue; // validate reports the file
            }
            if (count > 0) {
                warnings.add(new Problem(name(file), null, null, count + (count == 1 ? " monitor" : " monitors")
                        + " as templatedRoute of http-status: 'migrate-monitors' moves them to monitors/migrated.yaml"
                        + " (one route for all, see README)"));
            }
        }
        return warnings;
    }

    List<Problem> validateProperties() {
        List<Problem> problems = new ArrayList<>();
        String file = "application.properties";
        String zone = property("camel-monitor.time-zone", "");
        if (!zone.isBlank()) {
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                problems.add(new Problem(file, null, "camel-monitor.time-zone", "unknown time zone '" + zone + "'"));
            }
        }
        try {
            MailSettings.of(property("mail.host", ""), Integer.parseInt(property("mail.port", "0")),
                    property("mail.security", "ssl"), "", "", 0, "", "");
        } catch (NumberFormatException e) {
            problems.add(new Problem(file, null, "mail.port", "not a port number: '" + property("mail.port", "") + "'"));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(file, null, "mail.security", e.getMessage()));
        }
        for (String key : List.of("mail.from", "mail.to")) {
            String value = property(key, "");
            try {
                if (value.isBlank()) {
                    problems.add(new Problem(file, null, key, "is not set: alert mails need it"));
                } else {
                    InternetAddress.parse(value, true);
                }
            } catch (AddressException e) {
                problems.add(new Problem(file, null, key, "not an e-mail address list: " + e.getMessage()));
            }
        }
        String language = property("mail.language", "en").strip();
        if (!language.isEmpty() && !MessageTemplates.LANGUAGES.contains(language)) {
            problems.add(new Problem(file, null, "mail.language", "must be zh-CN or en, not '" + language + "'"));
        }
        problems.addAll(clusterProblems(file));
        // alert.channels and its per-monitor, per-severity and per-kind variants
        java.util.SortedSet<String> keys = new java.util.TreeSet<>(context.getPropertiesComponent()
                .loadPropertiesAsMap().keySet().stream().map(String::valueOf).toList());
        for (String listing : keys.stream().filter(k -> k.equals(ChannelSenders.CHANNELS)
                || k.startsWith(ChannelSenders.CHANNELS + ".")).toList()) {
            String value = property(listing, "").strip();
            for (String channel : value.equals("none") ? List.<String>of() : ChannelSenders.parse(value)) {
                String[] problem = ChannelSenders.problem(channel, listing, key -> property(key, ""));
                if (problem != null) {
                    problems.add(new Problem(file, null, problem[0], problem[1]));
                }
            }
        }
        for (String[] problem : ChannelSenders.settingProblems(keys, key -> property(key, ""))) {
            problems.add(new Problem(file, null, problem[0], problem[1]));
        }
        for (String[] problem : MessageTemplates.problems(base.resolve(property("channel.templates", "templates")))) {
            problems.add(new Problem(name(Path.of(problem[0])), null, problem[1], problem[2]));
        }
        problems.addAll(startUpSettingProblems(file));
        problems.addAll(undecodedValues(file, keys));
        return problems;
    }

    /** The settings the application itself reads at start-up: a bad one would stop it with a stack trace. */
    private List<Problem> startUpSettingProblems(String file) {
        List<Problem> problems = new ArrayList<>();
        String port = property("camel.server.port", "8080").strip();
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            problems.add(new Problem(file, null, "camel.server.port", "not a port number (0 to 65535): '" + port + "'"));
        }
        for (String key : List.of("history.retention", "history.prune-interval")) {
            try {
                Durations.positive(key, property(key, "1"));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(file, null, key, e.getMessage().substring(key.length() + 1)));
            }
        }
        for (String key : List.of("history.queue-size", "probe-api.max-body-bytes", "probe-api.max-timeout")) {
            wholeNumber(file, key, 1, problems);
        }
        wholeNumber(file, "probe-api.max-redirects", 0, problems);
        return problems;
    }

    /** A setting read as a whole number (an int), at least {@code min}. */
    private void wholeNumber(String file, String key, int min, List<Problem> problems) {
        String value = property(key, String.valueOf(min)).strip();
        if (!value.matches("\\d{1,9}") || Integer.parseInt(value) < min) {
            problems.add(new Problem(file, null, key, "'" + value + "': not a whole number"
                    + (min == 0 ? "" : " above zero")));
        }
    }

    /**
     * The JVM decodes -D options and environment variables in its locale's charset before any
     * code sees them: under a C or POSIX locale every Chinese character is already lost (U+FFFD).
     */
    private List<Problem> undecodedValues(String file, java.util.Collection<String> keys) {
        List<Problem> problems = new ArrayList<>();
        for (String key : keys) {
            if (property(key, "").indexOf('\uFFFD') >= 0) {
                problems.add(new Problem(file, null, key, "its -D or environment value holds characters the JVM could not"
                        + " decode in its locale (" + System.getProperty("sun.jnu.encoding")
                        + "): start it with a UTF-8 locale, e.g. LANG=C.UTF-8"));
            }
        }
        return problems;
    }

    /** cluster.enabled needs the shared PostgreSQL database; the check-in interval is milliseconds. */
    private List<Problem> clusterProblems(String file) {
        List<Problem> problems = new ArrayList<>();
        String enabled = property("cluster.enabled", "false").strip();
        if (!enabled.equals("true") && !enabled.equals("false")) {
            problems.add(new Problem(file, null, "cluster.enabled", "must be true or false, not '" + enabled + "'"));
        }
        String checkin = property("cluster.checkin-interval", "5000").strip();
        if (!checkin.matches("\\d{1,9}") || Long.parseLong(checkin) < 1000) {
            problems.add(new Problem(file, null, "cluster.checkin-interval",
                    "must be milliseconds, at least 1000, not '" + checkin + "'"));
        }
        if (enabled.equals("true") && !Database.of(context).postgres()) {
            problems.add(new Problem(file, null, "history.jdbc-url", "cluster.enabled needs the PostgreSQL database"
                    + " the instances share here (jdbc:postgresql://host:5432/db)"));
        }
        return problems;
    }

    public List<Problem> validateRoutes(List<Path> files) {
        List<Problem> problems = new ArrayList<>();
        Map<String, JsonNode> templates = new HashMap<>();
        Map<String, String> routeIds = new HashMap<>();
        Map<Path, JsonNode> parsed = new LinkedHashMap<>();
        for (Path file : files) {
            String name = name(file);
            try {
                JsonNode root = read(file);
                if (root == null || root.isMissingNode() || root.isNull()) {
                    // Camel refuses such a file ("Resource is empty", "Unable to parse resource")
                    problems.add(new Problem(name, null, null, "has no route (an empty file, or only comments):"
                            + " add a route or delete the file"));
                    continue;
                }
                parsed.put(file, root);
                if (schemaCheck) {
                    for (ValidationMessage m : schema().validate(root)) {
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
                        "not valid YAML: " + yamlError(e)));
            } catch (YamlEngineException e) {
                problems.add(new Problem(name, null, null, "not valid YAML: " + e.getMessage()));
            } catch (IOException e) {
                problems.add(new Problem(name, null, null, "cannot be read: " + e.getMessage()));
            }
        }
        for (Map.Entry<Path, JsonNode> entry : parsed.entrySet()) {
            String name = name(entry.getKey());
            for (JsonNode item : entry.getValue()) {
                JsonNode route = item.path("route");
                if (route.isObject()) {
                    String id = route.path("id").asText(null);
                    if (id == null || id.isBlank()) {
                        problems.add(new Problem(name, null, "route.id",
                                "every route needs an id: it names the monitor in alerts and keeps reloads safe"));
                        continue;
                    }
                    unique(id, name, routeIds, problems);
                    List<Problem> found = new ArrayList<>();
                    checkEndpoints(route, Map.of(), name, id, found);
                    speedTestNodes.check(route, Map.of(), name, id, found);
                    if (!active(route, name, id, problems)) {
                        // a route whose precondition is false is not created: it needs no target,
                        // but its other settings are still checked
                        found.removeIf(p -> p.message() != null && p.message().endsWith(" is not set"));
                    }
                    problems.addAll(found);
                }
                JsonNode templated = item.path("templatedRoute");
                if (templated.isObject()) {
                    checkTemplated(templated, templates, name, routeIds, problems);
                }
            }
        }
        return problems;
    }

    /** Whether a route with this precondition is created, as Camel decides it at load time. */
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
        checkEndpoints(template, values, file, id, problems);
        speedTestNodes.check(template, values, file, id, problems);
    }

    /**
     * Whether the route exists with these properties: a route whose {@code precondition} is false
     * (a ready-made monitor not configured) is not created, so its endpoints are not checked.
     */
    private boolean active(JsonNode route, String file, String monitor, List<Problem> problems) {
        String precondition = route.path("precondition").asText("");
        if (precondition.isBlank()) {
            return true;
        }
        try {
            String resolved = context.resolvePropertyPlaceholders(precondition);
            return context.resolveLanguage("simple").createPredicate(resolved).matches(new DefaultExchange(context));
        } catch (Exception e) {
            problems.add(new Problem(file, monitor, "precondition", rootMessage(e)));
            return false;
        }
    }

    private static void unique(String id, String file, Map<String, String> routeIds, List<Problem> problems) {
        String previous = routeIds.putIfAbsent(id, file);
        if (previous != null) {
            problems.add(new Problem(file, id, "id", "the same id is already used in " + previous));
        }
    }

    /** Walks a route (or template) for endpoint URIs of our components and creates each one. */
    private void checkEndpoints(JsonNode node, Map<String, String> templateValues, String file, String monitor,
                                List<Problem> problems) {
        if (node.isArray()) {
            node.forEach(n -> checkEndpoints(n, templateValues, file, monitor, problems));
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
                checkEndpoints(field.getValue(), templateValues, file, monitor, problems);
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
            checkChannelSink(uri.substring(colon + 1), file, monitor, problems);
            return;
        }
        if (!ours(scheme)) {
            return;
        }
        try {
            context.getEndpoint(resolve(builtUri(uri, parameters), templateValues));
        } catch (Exception e) {
            problems.add(new Problem(file, monitor, scheme, rootMessage(e)));
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
            Component component = context.getComponent(scheme);
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

    /** A channel's kamelet ({@code kamelet:wecom-sink}) needs that channel's settings. */
    private void checkChannelSink(String kamelet, String file, String monitor, List<Problem> problems) {
        String name = kamelet.split("[?/]", 2)[0];
        if (!name.endsWith("-sink")) {
            return;
        }
        String channel = name.substring(0, name.length() - "-sink".length());
        if (ChannelSenders.REQUIRED.containsKey(channel)) {
            String[] problem = ChannelSenders.problem(channel, "kamelet:" + name, key -> property(key, ""));
            if (problem != null) {
                problems.add(new Problem(file, monitor, problem[0], problem[1]));
            }
        }
    }

    /** The first YAML document of a file as a tree (as Jackson's readTree gave it); null for an empty file. */
    static JsonNode read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Iterator<Object> documents = new Load(YAML).loadAllFromInputStream(in).iterator();
            return documents.hasNext() ? tree(documents.next()) : null;
        }
    }

    private static JsonNode tree(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = nodes.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), tree(v)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = nodes.arrayNode();
            list.forEach(v -> array.add(tree(v)));
            return array;
        }
        if (value == null) {
            return nodes.nullNode();
        }
        if (value instanceof Boolean b) {
            return nodes.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return nodes.numberNode(i);
        }
        if (value instanceof Long l) {
            return nodes.numberNode(l);
        }
        if (value instanceof BigInteger b) {
            return nodes.numberNode(b);
        }
        if (value instanceof Double d) {
            return nodes.numberNode(d);
        }
        return nodes.textNode(String.valueOf(value));
    }

    /** The parser's message on one line, as every problem is: snakeyaml's spans several with a code excerpt. */
    private static String yamlError(MarkedYamlEngineException e) {
        String problem = e.getProblem() + at(e.getProblemMark());
        return e.getContext() == null ? problem : e.getContext() + at(e.getContextMark()) + ": " + problem;
    }

    private static String at(Optional<Mark> mark) {
        return mark.map(m -> " (line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1) + ")").orElse("");
    }

    String resolve(String text, Map<String, String> templateValues) {
        for (Map.Entry<String, String> v : templateValues.entrySet()) {
            text = text.replace("{{" + v.getKey() + "}}", v.getValue());
        }
        return context.resolvePropertyPlaceholders(text);
    }

    String resolvePlaceholders(String text) {
        return context.resolvePropertyPlaceholders(text);
    }

    String property(String key, String fallback) {
        return context.getPropertiesComponent().resolveProperty(key).orElse(fallback);
    }

    /** Camel wraps the component's own message in URI-quoting layers; users need the component's one. */
    private static final Pattern MISSING_PROPERTY = Pattern.compile("Property with key \\[([^\\]]*)] not found");

    public static String rootMessage(Throwable e) {
        Throwable innermost = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains("Unknown parameters=")) {
                return "unknown parameter(s) " + message.substring(message.indexOf("Unknown parameters=") + 19)
                        + " (check the spelling; a value holding & or + must be written RAW(...))";
            }
            Matcher missing = MISSING_PROPERTY.matcher(message == null ? "" : message);
            if (missing.lookingAt()) {
                // Camel quotes the whole text it was resolving: an endpoint URI, which may hold a secret
                return "property '" + missing.group(1) + "' not found (set it in application.properties, as -D or in the environment)";
            }
            if (t instanceof PropertyBindingException binding && binding.getPropertyName() != null) {
                return binding.getPropertyName() + " '" + binding.getValue() + "': " + bindingReason(binding);
            }
            if (t instanceof IllegalArgumentException) {
                return message;
            }
            innermost = t;
        }
        return innermost.getMessage();
    }

    /** Why a parameter's value could not be set: the type conversion's own message names no field. */
    private static String bindingReason(PropertyBindingException binding) {
        for (Throwable t = binding.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NumberFormatException) {
                return String.valueOf(binding.getValue()).strip().matches("-?\\d+") ? "too large a number" : "not a number";
            }
        }
        return binding.getCause() == null ? binding.getMessage() : rootMessage(binding.getCause());
    }

    private String name(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(base) ? base.relativize(abs).toString() : file.toString();
    }

    private static synchronized JsonSchema schema() throws IOException {
        if (schema == null) {
            try (InputStream in = ConfigValidator.class.getResourceAsStream("/schema/camelYamlDsl.json")) {
                schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
            }
        }
        return schema;
    }
}
