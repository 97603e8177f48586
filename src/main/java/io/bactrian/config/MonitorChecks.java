package io.bactrian.config;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
    private final CheckContext checks;
    private final SpeedTestNodes speedTestNodes;
    /** Thousands of monitors share a handful of crons. */
    private final Map<String, String> crons = new HashMap<>();

    MonitorChecks(CheckContext checks, SpeedTestNodes speedTestNodes) {
        this.checks = checks;
        this.speedTestNodes = speedTestNodes;
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
        KindRoutes steps = KindRoutes.read(checks, routeFiles);
        for (Monitor m : loaded.monitors()) {
            check(m, steps, problems);
        }
        return problems;
    }

    private void check(Monitor listed, KindRoutes steps, List<Problem> problems) {
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
}
