package io.bactrian.migrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.bactrian.monitor.Monitor;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The monitors a route file writes as {@code templatedRoute}s of the http-status template, and
 * the file's text without those entries: line for line as written otherwise, so its comments and
 * other entries stay. The template itself ({@code routeTemplate} http-status) gives the
 * defaults every such monitor had.
 */
final class TemplatedMonitors {
    static final String TEMPLATE = "http-status";
    private static final LoadSettings YAML = LoadSettings.builder().build();

    /** One monitor: its id (the routeId) and its parameters, kebab-case, as written. */
    record Migrated(String id, Map<String, String> settings) {
    }

    /**
     * A route file's monitors of the template, its text without them, and how many other
     * entries are left (none: the file has nothing left to load).
     */
    record FileMonitors(Path file, List<Migrated> monitors, String rest, int entriesLeft) {
    }

    private TemplatedMonitors() {
    }

    /** The file's templatedRoutes of http-status; none for a file that is no YAML list. */
    static FileMonitors of(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<Migrated> monitors = new ArrayList<>();
        Optional<Node> root = new Compose(YAML).composeString(text);
        if (root.isEmpty() || !(root.get() instanceof SequenceNode list) || list.getFlowStyle() == FlowStyle.FLOW) {
            return new FileMonitors(file, monitors, text, 0); // a list on one line is left to a hand edit
        }
        List<String> lines = List.of(text.split("(?<=\n)"));
        boolean[] drop = new boolean[lines.size()];
        for (Node item : list.getValue()) {
            Migrated monitor = monitor(item);
            if (monitor == null) {
                continue;
            }
            monitors.add(monitor);
            int first = item.getStartMark().map(Mark::getLine).orElseThrow();
            int last = item.getEndMark().map(m -> m.getColumn() == 0 ? m.getLine() - 1 : m.getLine()).orElseThrow();
            // comments and blank lines after the entry lead to the next one
            while (last > first && last < lines.size() && isCommentOrBlank(lines.get(last))) {
                last--;
            }
            for (int i = first; i <= last && i < lines.size(); i++) {
                drop[i] = true;
            }
        }
        StringBuilder rest = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (!drop[i]) {
                rest.append(lines.get(i));
            }
        }
        return new FileMonitors(file, monitors, rest.toString(), list.getValue().size() - monitors.size());
    }

    /**
     * The defaults the http-status template gives its parameters, kebab-case, led by the kind;
     * empty when no route file holds the template.
     */
    static Map<String, String> templateDefaults(List<Path> routeFiles) throws IOException {
        for (Path file : routeFiles) {
            Optional<Node> root = new Compose(YAML).composeString(Files.readString(file, StandardCharsets.UTF_8));
            if (root.isEmpty() || !(root.get() instanceof SequenceNode list)) {
                continue;
            }
            for (Node item : list.getValue()) {
                Node template = value(item, "routeTemplate");
                if (template != null && TEMPLATE.equals(text(value(template, "id")))) {
                    Map<String, String> defaults = new LinkedHashMap<>();
                    defaults.put("kind", "http");
                    for (Node parameter : items(value(template, "parameters"))) {
                        String name = text(value(parameter, "name"));
                        String value = text(value(parameter, "defaultValue"));
                        if (name != null && value != null && !value.isEmpty()) {
                            defaults.put(Monitor.kebabCase(name), value);
                        }
                    }
                    return defaults;
                }
            }
        }
        return Map.of();
    }

    /** A templatedRoute of http-status with a routeId and plain values, or null. */
    private static Migrated monitor(Node item) {
        Node templated = value(item, "templatedRoute");
        if (templated == null || !TEMPLATE.equals(text(value(templated, "routeTemplateRef")))) {
            return null;
        }
        String id = text(value(templated, "routeId"));
        if (id == null || id.isBlank()) {
            return null; // validate says a routeId is missing
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (Node parameter : items(value(templated, "parameters"))) {
            String name = text(value(parameter, "name"));
            String value = text(value(parameter, "value"));
            if (name == null || value == null) {
                return null; // not a plain name and value: validate reports it
            }
            settings.put(Monitor.kebabCase(name), value);
        }
        return new Migrated(id.strip(), settings);
    }

    private static boolean isCommentOrBlank(String line) {
        String stripped = line.strip();
        return stripped.isEmpty() || stripped.startsWith("#");
    }

    private static Node value(Node mapping, String key) {
        if (mapping instanceof MappingNode map) {
            for (NodeTuple tuple : map.getValue()) {
                if (key.equals(text(tuple.getKeyNode()))) {
                    return tuple.getValueNode();
                }
            }
        }
        return null;
    }

    private static List<Node> items(Node node) {
        return node instanceof SequenceNode list ? list.getValue() : List.of();
    }

    private static String text(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue() : null;
    }
}
