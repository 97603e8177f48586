package io.bactrian.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import io.bactrian.channel.ChannelProperties;
import io.bactrian.channel.ChannelSenders;
import io.bactrian.channel.MessageTemplates;
import io.bactrian.channel.list.Channels;
import io.bactrian.core.Problem;
import io.bactrian.core.SettingsCheck;
import io.bactrian.cron.ClusterSettingsCheck;
import io.bactrian.cron.TimeZoneSettingsCheck;
import io.bactrian.history.HistorySettingsCheck;
import io.bactrian.probe.speedtest.ProbeApiSettingsCheck;
import io.bactrian.web.ServerSettingsCheck;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.PropertyBindingException;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.util.URISupport;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Collects what is wrong with application.properties and the route files before anything
 * runs. Each capability checks its own settings ({@link SettingsCheck}); the route files get
 * YAML syntax, the YAML DSL schema and route ids checked here, and every endpoint of our own
 * components is created exactly as the running application would, so the component's own
 * rules decide. The file is long for the route walk that finds those endpoints.
 */
public class ConfigValidator {
    /** The project's root package: its components are those Camel resolves to a class under it. */
    private static final String OURS = ConfigValidator.class.getPackageName()
            .substring(0, ConfigValidator.class.getPackageName().lastIndexOf('.') + 1);
    /** Each capability's check of its own settings; the channels' are below, in {@link #validateProperties}. */
    private static final List<SettingsCheck> SETTINGS = List.of(new TimeZoneSettingsCheck(),
            new ClusterSettingsCheck(), new ServerSettingsCheck(), new HistorySettingsCheck(), new ProbeApiSettingsCheck());

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
                JsonNode root = RouteYaml.read(file);
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
        for (SettingsCheck check : SETTINGS) {
            problems.addAll(check.problems(context.getPropertiesComponent()));
        }
        java.util.SortedSet<String> keys = new java.util.TreeSet<>(context.getPropertiesComponent()
                .loadPropertiesAsMap().keySet().stream().map(String::valueOf).toList());
        // each channel's own settings, mail's among them, and how the channels are delivered
        for (String[] problem : Channels.problems(keys, key -> property(key, ""))) {
            problems.add(new Problem(file, null, problem[0], problem[1]));
        }
        // alert.channels and its per-monitor, per-severity and per-kind variants
        for (String listing : keys.stream().filter(k -> k.equals(ChannelSenders.CHANNELS)
                || k.startsWith(ChannelSenders.CHANNELS + ".")).toList()) {
            String value = property(listing, "").strip();
            for (String channel : value.equals("none") ? List.<String>of() : ChannelProperties.commaList(value)) {
                String[] problem = Channels.problem(channel, listing, key -> property(key, ""));
                if (problem != null) {
                    problems.add(new Problem(file, null, problem[0], problem[1]));
                }
            }
        }
        for (String[] problem : MessageTemplates.problems(base.resolve(property("channel.templates", "templates")),
                Channels.NAMES)) {
            problems.add(new Problem(name(Path.of(problem[0])), null, problem[1], problem[2]));
        }
        problems.addAll(undecodedValues(file, keys));
        return problems;
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

    public List<Problem> validateRoutes(List<Path> files) {
        List<Problem> problems = new ArrayList<>();
        Map<String, JsonNode> templates = new HashMap<>();
        Map<String, String> routeIds = new HashMap<>();
        Map<Path, JsonNode> parsed = new LinkedHashMap<>();
        for (Path file : files) {
            String name = name(file);
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
            checkChannelSink(resolve(builtUri(uri, parameters), templateValues).substring(colon + 1), file, monitor,
                    problems);
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

    /** A channel named by a route ({@code kamelet:channel-sink?channel=wecom}) needs its settings. */
    private void checkChannelSink(String kamelet, String file, String monitor, List<Problem> problems) {
        String[] parts = kamelet.split("\\?", 2);
        if (!parts[0].equals("channel-sink") || parts.length < 2) {
            return;
        }
        for (String parameter : parts[1].split("&")) {
            if (parameter.startsWith("channel=")) {
                String[] problem = Channels.problem(parameter.substring("channel=".length()), "kamelet:" + kamelet,
                        key -> property(key, ""));
                if (problem != null) {
                    problems.add(new Problem(file, monitor, problem[0], problem[1]));
                }
            }
        }
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
}
