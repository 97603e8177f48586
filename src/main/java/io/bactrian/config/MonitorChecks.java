package io.bactrian.config;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.bactrian.core.Problem;
import io.bactrian.cron.CronException;
import io.bactrian.cron.CronTranslator;
import io.bactrian.endpoint.PerMonitor;
import io.bactrian.monitor.Monitor;
import io.bactrian.monitor.MonitorFiles;
import io.bactrian.monitor.MonitorProblem;
import org.apache.camel.Endpoint;

/**
 * Checks the monitor lists: their shape, then each monitor against its kind: a route serves the
 * kind, the cron and zone are valid, and each step of the kind's route (and of the shared routes
 * it goes on to) takes the monitor's settings, made exactly as the running kind makes them. A
 * setting no step has is named with the ones the kind knows.
 */
final class MonitorChecks {
    /** A setting a kind's route reads itself, as {@code ${exchangeProperty.monitor.setting('nodes')}}. */
    private static final Pattern READ = Pattern.compile("monitor\\.setting\\('([a-z0-9-]+)'\\)");
    private final CheckContext checks;
    private final SpeedTestNodes speedTestNodes;
    /** Thousands of monitors share a handful of crons. */
    private final Map<String, String> crons = new HashMap<>();

    MonitorChecks(CheckContext checks, SpeedTestNodes speedTestNodes) {
        this.checks = checks;
        this.speedTestNodes = speedTestNodes;
    }

    /**
     * The per-monitor steps of each kind's route, and those of the routes they share; each kind's
     * routes as written, and the settings they read themselves ({@code monitor.setting('nodes')}).
     */
    private record Steps(Map<String, List<Endpoint>> byKind, List<Endpoint> shared, Map<String, List<JsonNode>> routes,
                         Map<String, Set<String>> read, Map<String, Map<String, String>> defaults) {
        List<Endpoint> of(String kind) {
            List<Endpoint> steps = new ArrayList<>(byKind.getOrDefault(kind, List.of()));
            steps.addAll(shared);
            return steps;
        }
    }

    List<Problem> check(List<Path> routeFiles) throws IOException {
        return check(routeFiles, MonitorLists.read(checks.context, checks.base));
    }

    List<Problem> check(List<Path> routeFiles, MonitorFiles.Loaded loaded) {
        List<Problem> problems = new ArrayList<>();
        for (MonitorProblem p : loaded.problems()) {
            problems.add(new Problem(p.file(), p.monitor(), p.field(), p.message()));
        }
        if (loaded.monitors().isEmpty()) {
            return problems;
        }
        Steps steps = steps(routeFiles);
        for (Monitor m : loaded.monitors()) {
            check(m, steps, problems);
        }
        return problems;
    }

    private void check(Monitor listed, Steps steps, List<Problem> problems) {
        if (!steps.byKind().containsKey(listed.kind())) {
            problems.add(new Problem(listed.file(), listed.id(), "kind", "no route runs kind '" + listed.kind()
                    + "' (from: schedule:" + listed.kind() + " without a cron); kinds here: "
                    + String.join(", ", new TreeSet<>(steps.byKind().keySet()))));
            return;
        }
        // as the kind's schedule runs it: the route's defaults under the monitor's settings
        Monitor m = listed.under(steps.defaults().getOrDefault(listed.kind(), Map.of()));
        if (m.cron() == null || m.cron().isBlank()) {
            problems.add(new Problem(m.file(), m.id(), "cron", "is missing (here, in the file's defaults or in the"
                    + " kind's route)"));
            return;
        }
        // a setting found wrong here is not reported again by a step that also takes it
        Set<String> reported = new HashSet<>();
        String cronProblem = crons.computeIfAbsent(m.cron(), MonitorChecks::cronProblem);
        if (!cronProblem.isEmpty()) {
            problems.add(new Problem(m.file(), m.id(), "cron", "'" + m.cron() + "': " + cronProblem));
            reported.add("cron");
        }
        String zone = m.setting("time-zone");
        if (zone != null && !zone.isBlank()) {
            try {
                ZoneId.of(zone.strip());
            } catch (DateTimeException e) {
                problems.add(new Problem(m.file(), m.id(), "time-zone", "unknown time zone '" + zone + "'"));
                reported.add("time-zone");
            }
        }
        Set<String> taken = new HashSet<>();
        Set<String> known = new TreeSet<>(Monitor.COMMON);
        for (String key : steps.read().getOrDefault(m.kind(), Set.of())) {
            taken.add(Monitor.camelCase(key));
            known.add(Monitor.camelCase(key));
        }
        speedTestNodes.check(steps.routes().getOrDefault(m.kind(), List.of()), m, problems);
        for (Endpoint step : steps.of(m.kind())) {
            known.addAll(PerMonitor.settings(step));
            try {
                PerMonitor.endpointFor(step, m, taken);
            } catch (Exception e) {
                Problem p = stepProblem(m, RootMessage.of(e), step);
                if (p.field() == null || reported.add(p.field())) {
                    problems.add(p);
                }
            }
        }
        for (String key : m.settings().keySet()) {
            if (!Monitor.COMMON.contains(key) && !taken.contains(Monitor.camelCase(key))) {
                problems.add(new Problem(m.file(), m.id(), key, "kind '" + m.kind() + "' has no such setting; it has: "
                        + String.join(", ", kebab(known))));
            }
        }
    }

    /** What is wrong with a cron, empty when nothing. */
    private static String cronProblem(String cron) {
        try {
            CronTranslator.translate(cron);
            return "";
        } catch (CronException e) {
            return e.getMessage();
        }
    }

    /**
     * The endpoints say {@code expectStatus '99': ...} or {@code jdbcUrl: ...}: the user wrote
     * {@code expect-status}, so that is the field, and the rest the message, as every monitor list
     * problem is given; {@code bootstrapServers is not set} is said of the setting as written.
     */
    private static Problem stepProblem(Monitor m, String message, Endpoint step) {
        int space = message.indexOf(' ');
        String first = space < 0 ? message : message.substring(0, space);
        String name = first.endsWith(":") ? first.substring(0, first.length() - 1) : first;
        String key = Monitor.kebabCase(name);
        if (space < 0 || !m.settings().containsKey(key) && !PerMonitor.settings(step).contains(name)) {
            return new Problem(m.file(), m.id(), null, message);
        }
        String rest = message.substring(space + 1);
        return rest.startsWith("is ") ? new Problem(m.file(), m.id(), null, key + " " + rest)
                : new Problem(m.file(), m.id(), key, rest);
    }

    private static Set<String> kebab(Set<String> parameters) {
        Set<String> names = new TreeSet<>();
        parameters.forEach(p -> names.add(Monitor.kebabCase(p)));
        return names;
    }

    /** The per-monitor steps of the route files: those of each kind's route, and those of the other routes. */
    private Steps steps(List<Path> routeFiles) {
        Map<String, List<Endpoint>> byKind = new LinkedHashMap<>();
        List<Endpoint> shared = new ArrayList<>();
        Map<String, List<JsonNode>> routes = new LinkedHashMap<>();
        Map<String, Set<String>> read = new LinkedHashMap<>();
        Map<String, Map<String, String>> defaults = new LinkedHashMap<>();
        for (Path file : routeFiles) {
            JsonNode root;
            try {
                root = RouteYaml.read(file);
            } catch (Exception e) {
                continue; // the route checks say what is wrong with the file
            }
            if (root == null) {
                continue;
            }
            for (JsonNode item : root) {
                JsonNode route = item.path("route");
                if (!route.isObject()) {
                    continue;
                }
                String kind = kind(route.path("from"));
                List<Endpoint> into = new ArrayList<>();
                collect(route, into);
                if (kind != null) {
                    byKind.computeIfAbsent(kind, k -> new ArrayList<>()).addAll(into);
                    routes.computeIfAbsent(kind, k -> new ArrayList<>()).add(route);
                    Map<String, String> own = defaults.computeIfAbsent(kind, k -> new LinkedHashMap<>());
                    route.path("from").path("parameters").fields().forEachRemaining(
                            f -> own.put(Monitor.kebabCase(f.getKey()), checks.resolve(f.getValue().asText(), Map.of())));
                    Matcher setting = READ.matcher(route.toString());
                    while (setting.find()) {
                        read.computeIfAbsent(kind, k -> new TreeSet<>()).add(setting.group(1));
                    }
                } else {
                    shared.addAll(into);
                }
            }
        }
        return new Steps(byKind, shared, routes, read, defaults);
    }

    /** {@code schedule:<kind>} without a cron: a kind's route. */
    private static String kind(JsonNode from) {
        String uri = from.path("uri").asText("");
        if (!uri.startsWith("schedule:") || from.path("parameters").has("cron") || uri.contains("cron=")) {
            return null;
        }
        String name = uri.substring("schedule:".length());
        return name.contains("?") ? name.substring(0, name.indexOf('?')) : name;
    }

    private void collect(JsonNode node, List<Endpoint> into) {
        if (node.isArray()) {
            node.forEach(n -> collect(n, into));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        String uri = node.path("uri").asText(null);
        if (uri != null && uri.matches("[a-z-]+:(//)?" + PerMonitor.LABEL + "([?].*)?")) {
            try {
                into.add(checks.context.getEndpoint(checks.resolve(
                        EndpointCheck.builtUri(uri, node.path("parameters")), Map.of())));
            } catch (Exception e) {
                return; // the route checks report it
            }
        }
        node.fields().forEachRemaining(f -> {
            if (f.getValue().isTextual() && f.getKey().equals("to")
                    && f.getValue().asText().matches("[a-z-]+:(//)?" + PerMonitor.LABEL + "([?].*)?")) {
                try {
                    into.add(checks.context.getEndpoint(f.getValue().asText()));
                } catch (Exception e) {
                    // the route checks report it
                }
            } else {
                collect(f.getValue(), into);
            }
        });
    }
}
