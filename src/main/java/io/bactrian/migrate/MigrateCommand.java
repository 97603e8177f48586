package io.bactrian.migrate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.bactrian.config.ConfigValidator;
import io.bactrian.config.MonitorLists;
import io.bactrian.config.RootMessage;
import io.bactrian.core.PropertiesFile;
import io.bactrian.core.Usage;
import io.bactrian.monitor.Monitor;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * {@code migrate-monitors [--dry-run] [<application.properties>]}: moves the monitors written as
 * templatedRoutes of the http-status template (one route each) into the monitor list
 * {@code monitors/migrated.yaml}, which the kind route http-monitors checks all at once, and
 * takes those entries out of the route files. Nothing is changed when anything stands in the way.
 */
public final class MigrateCommand {
    public static final String TARGET = "monitors/migrated.yaml";
    public static final String HELP = """
            usage: migrate-monitors [--dry-run] [<application.properties>]

            Moves the monitors written as templatedRoutes of the http-status template in the route
            files that the properties file (default ./application.properties) names into the monitor
            list monitors/migrated.yaml, where the route http-monitors checks them all: the id is the
            routeId, each parameter keeps its value under its kebab-case name (expectStatus becomes
            expect-status), and the template's defaults become the list's defaults. Then it removes
            those entries from the route files, keeping their comments and other entries; each file
            it changes is kept first as <file>.bak, and a file left without entries is removed.

              --dry-run   print the monitor list it would write, and change nothing

            Exit 0 when done or when there is nothing to move, 2 on a problem (then nothing changed).
            """;
    private static final String HEADER = """
            Moved by migrate-monitors from the route files' templatedRoutes of the http-status
            template: the route http-monitors (routes/http-monitors.yaml) checks them all. The
            defaults are the template's; an entry's own settings override them.""";

    private MigrateCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (Usage.asked(args)) {
            out.print(HELP);
            return 0;
        }
        boolean dryRun = false;
        List<String> files = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--dry-run")) {
                dryRun = true;
            } else if (arg.startsWith("-")) {
                err.println(Usage.unknown("migrate-monitors", arg));
                return 2;
            } else {
                files.add(arg);
            }
        }
        if (files.size() > 1) {
            err.println("migrate-monitors: one properties file at most, got " + files.size()
                    + " (see 'migrate-monitors --help')");
            return 2;
        }
        Path properties = Path.of(files.isEmpty() ? "application.properties" : files.get(0)).toAbsolutePath();
        if (!Files.isRegularFile(properties)) {
            err.println(properties.getFileName() + ": not found (run migrate-monitors in the folder that holds"
                    + " application.properties and routes/, or name the file)");
            return 2;
        }
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            PropertiesFile.readAsUtf8(context.getPropertiesComponent());
            context.getPropertiesComponent().setLocation("file:" + properties);
            return migrate(context, properties.getParent(), dryRun, out, err);
        } catch (Exception e) {
            err.println("migrate-monitors failed: " + RootMessage.of(e));
            return 2;
        }
    }

    private static int migrate(DefaultCamelContext context, Path base, boolean dryRun, PrintStream out, PrintStream err)
            throws IOException {
        List<Path> routeFiles = new ConfigValidator(context, base, false).routeFiles();
        List<TemplatedMonitors.FileMonitors> changed = new ArrayList<>();
        List<TemplatedMonitors.Migrated> monitors = new ArrayList<>();
        for (Path file : routeFiles) {
            TemplatedMonitors.FileMonitors found = TemplatedMonitors.of(file);
            if (!found.monitors().isEmpty()) {
                changed.add(found);
                monitors.addAll(found.monitors());
            }
        }
        if (monitors.isEmpty()) {
            out.println("no templatedRoute of " + TemplatedMonitors.TEMPLATE + " in the route files: nothing to migrate");
            return 0;
        }
        Map<String, String> defaults = TemplatedMonitors.templateDefaults(routeFiles);
        Path target = base.resolve(TARGET);
        List<String> problems = new ArrayList<>();
        if (defaults.isEmpty()) {
            problems.add(name(base, changed.get(0).file()) + ": no route file holds the template "
                    + TemplatedMonitors.TEMPLATE + " (routeTemplate) its templatedRoutes name: nothing to take the defaults from");
        }
        String lists = context.resolvePropertyPlaceholders("{{" + MonitorLists.FILES + ":monitors/*.yaml}}");
        if (!reads(lists, base, target)) {
            problems.add("application.properties: " + MonitorLists.FILES + ": '" + lists + "' does not take in " + TARGET
                    + ": the moved monitors would not run; add it");
        }
        if (!dryRun && Files.exists(target)) {
            problems.add(TARGET + ": already exists: move its monitors to another list, then migrate again");
        }
        Map<String, String> taken = new HashMap<>();
        for (Monitor m : MonitorLists.read(context, base).monitors()) {
            taken.put(m.id(), m.file());
        }
        for (TemplatedMonitors.FileMonitors file : changed) {
            for (TemplatedMonitors.Migrated m : file.monitors()) {
                String other = taken.putIfAbsent(m.id(), name(base, file.file()));
                if (other != null) {
                    problems.add(name(base, file.file()) + ": monitor '" + m.id() + "': routeId: also the id of a monitor in "
                            + other + "; ids must be unique: rename one, then migrate again");
                }
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            err.println("nothing migrated");
            return 2;
        }
        String yaml = MonitorListYaml.render(HEADER, defaults, monitors);
        if (dryRun) {
            out.print(yaml);
            return 0;
        }
        Files.createDirectories(target.getParent());
        Files.writeString(target, yaml, StandardCharsets.UTF_8);
        out.println(TARGET + ": " + monitors.size() + " monitor(s) written: "
                + String.join(", ", monitors.stream().map(TemplatedMonitors.Migrated::id).toList()));
        for (TemplatedMonitors.FileMonitors file : changed) {
            Path backup = file.file().resolveSibling(file.file().getFileName() + ".bak");
            Files.copy(file.file(), backup, StandardCopyOption.REPLACE_EXISTING);
            String name = name(base, file.file());
            String what = name + ": " + file.monitors().size() + " templatedRoute(s) of " + TemplatedMonitors.TEMPLATE
                    + " removed (was kept as " + name(base, backup) + ")";
            if (file.entriesLeft() == 0) {
                Files.delete(file.file()); // only comments would be left: Camel refuses a route file without routes
                out.println(what + "; the file had no other entry and is removed");
            } else {
                Files.writeString(file.file(), file.rest(), StandardCharsets.UTF_8);
                out.println(what);
            }
        }
        return 0;
    }

    /** Whether one of the globs of monitors.files names the file. */
    private static boolean reads(String globs, Path base, Path file) {
        for (String glob : globs.split(",")) {
            if (!glob.isBlank() && FileSystems.getDefault().getPathMatcher("glob:" + base.resolve(glob.strip()).normalize())
                    .matches(file.normalize())) {
                return true;
            }
        }
        return false;
    }

    private static String name(Path base, Path file) {
        return base.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
