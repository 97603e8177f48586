package io.bactrian.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.bactrian.core.Problem;
import io.bactrian.monitor.Monitor;
import io.bactrian.probe.Thresholds;
import io.bactrian.probe.speedtest.Node;
import io.bactrian.probe.speedtest.NodeList;

/**
 * A speed test's node list, read as its route reads it ({@code nodeLists} {@code load('<file>')},
 * or for a monitor of a kind's route, {@code load(${exchangeProperty.monitor.setting('nodes')})}):
 * the file must exist and be a valid list, and a body or JSONPath threshold cannot be met on
 * blackbox_exporter nodes, whose probe answer has no body: every check would fail.
 */
final class SpeedTestNodes {
    private static final Pattern LOAD = Pattern.compile("load\\('([^']*)'\\)");
    private static final Pattern MONITOR_LOAD = Pattern.compile(
            "load\\(\\$\\{exchangeProperty\\.monitor\\.setting\\('([^']*)'\\)}\\)");

    private final CheckContext checks;

    SpeedTestNodes(CheckContext checks) {
        this.checks = checks;
    }

    void check(JsonNode route, Map<String, String> templateValues, String file, String monitor, List<Problem> problems) {
        List<String> lists = new ArrayList<>();
        List<String> thresholds = new ArrayList<>();
        collect(route, LOAD, lists, thresholds);
        for (String list : lists) {
            List<String> resolved = thresholds.stream().map(t -> checks.resolve(t, templateValues)).toList();
            check(checks.resolve(list, templateValues).strip(), resolved, file, monitor, problems);
        }
    }

    /**
     * A monitor of a kind whose route reads the node list from a setting: the file it names, with
     * its own thresholds or else the route's.
     */
    void check(List<JsonNode> kindRoutes, Monitor m, List<Problem> problems) {
        for (JsonNode route : kindRoutes) {
            List<String> keys = new ArrayList<>();
            List<String> thresholds = new ArrayList<>();
            collect(route, MONITOR_LOAD, keys, thresholds);
            String own = m.setting("thresholds");
            List<String> resolved = own != null ? List.of(own)
                    : thresholds.stream().map(t -> checks.resolve(t, Map.of())).toList();
            for (String key : keys) {
                String name = m.setting(key);
                if (name != null) {
                    check(name.strip(), resolved, m.file(), m.id(), problems);
                }
            }
        }
    }

    private void check(String name, List<String> thresholds, String file, String monitor, List<Problem> problems) {
        if (name.isEmpty()) {
            return; // this process only
        }
        Path path = checks.base.resolve(name);
        if (!Files.isRegularFile(path)) {
            problems.add(new Problem(file, monitor, "nodes", "'" + name + "': no such file"));
            return;
        }
        List<Node> nodes;
        try {
            nodes = NodeList.load(path, checks::resolvePlaceholders);
        } catch (Exception e) {
            problems.add(new Problem(file, monitor, "nodes", RootMessage.of(e)));
            return;
        }
        List<String> blackbox = nodes.stream().filter(n -> n.kind() == Node.Kind.BLACKBOX).map(Node::id).toList();
        for (String text : thresholds) {
            List<String> body = bodyConditions(text);
            if (!blackbox.isEmpty() && !body.isEmpty()) {
                problems.add(new Problem(file, monitor, "thresholds", String.join(", ", body)
                        + ": blackbox_exporter nodes return no body, so this fails on " + String.join(", ", blackbox)
                        + " (" + name + "); check the body on other nodes, or leave the condition out"));
            }
        }
    }

    private static void collect(JsonNode node, Pattern load, List<String> lists, List<String> thresholds) {
        if (node.isArray()) {
            node.forEach(n -> collect(n, load, lists, thresholds));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        JsonNode method = node.path("method");
        if ("nodeLists".equals(method.path("ref").asText())) {
            Matcher m = load.matcher(method.path("method").asText());
            if (m.matches()) {
                lists.add(m.group(1));
            }
        }
        if (node.path("uri").asText().startsWith("speed-check:") && node.path("parameters").path("thresholds").isTextual()) {
            thresholds.add(node.path("parameters").path("thresholds").asText());
        }
        node.forEach(n -> collect(n, load, lists, thresholds));
    }

    private static List<String> bodyConditions(String thresholds) {
        try {
            return Thresholds.parse(thresholds).bodyConditions();
        } catch (IllegalArgumentException e) {
            return List.of(); // the speed-check endpoint reports it
        }
    }
}
