package io.bactrian.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.bactrian.config.ConfigValidator;
import io.bactrian.config.MonitorLists;
import io.bactrian.config.OldNames;
import io.bactrian.config.RootMessage;
import io.bactrian.core.Problem;
import io.bactrian.core.PropertiesFile;
import io.bactrian.core.Usage;
import io.bactrian.cron.CronException;
import io.bactrian.cron.MonitorSchedules;
import io.bactrian.monitor.Monitor;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * {@code function-descriptors --platform fc|scf}: writes the deploy descriptor of a function that
 * runs the monitors of this folder on the platform's timers, one timer per schedule, each naming
 * the monitors it fires. The schedules are the ones {@code run} gives the monitors, written in the
 * platform's cron; one the platform cannot say stops the command with the monitor and field named.
 */
public final class FunctionDescriptorsCommand {
    public static final String HELP = """
            usage: function-descriptors --platform fc|scf [--out <folder>] [--name <function>] [--region <region>]
                   [--memory <MB>] [--timeout <seconds>] [--env NAME=VALUE]... [--image <image>] [application.properties]

            Writes the deploy descriptor of a function running these monitors on the platform's timers:
            fc, Alibaba Cloud Function Compute (s.yaml for Serverless Devs), or scf, Tencent Cloud SCF
            (serverless.yml for the Serverless Framework). One timer per schedule, its payload naming the
            monitors it runs; monitors without a cron get none. The package is the folder of
            application.properties, with bootstrap and bactrian.jar beside it.
              --platform fc|scf      the platform (required)
              --out <folder>         where the descriptor goes (default the current folder)
              --name <function>      the function's name (default bactrian)
              --region <region>      the region (default cn-hangzhou for fc, ap-guangzhou for scf)
              --memory <MB>          the function's memory (default 1024)
              --timeout <seconds>    the longest run of one timer (default 120)
              --env NAME=VALUE       an environment variable of the function, e.g. JAVA_HOME=/opt/java/17
                                     (CAMEL_SERVER_ENABLED=false is set unless given)
              --image <image>        fc only: run this container image instead of the package on custom.debian10
            Exit 0 when written, 2 for bad options, configuration problems or a schedule the platform cannot say.
            """;
    private static final String DEFAULT_NAME = "bactrian";
    private static final int DEFAULT_MEMORY = 1024;
    private static final int DEFAULT_TIMEOUT = 120;
    /**
     * The status page's server is of no use in a function: the platform reaches only its own port
     * (FC_SERVER_PORT) or none (SCF). Off, the HTTP routes are left out.
     */
    private static final Map<String, String> FUNCTION_ENVIRONMENT = Map.of("CAMEL_SERVER_ENABLED", "false");

    private FunctionDescriptorsCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (Usage.asked(args)) {
            out.print(HELP);
            return 0;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("function-descriptors: " + e.getMessage() + " (see 'function-descriptors --help')");
            return 2;
        }
        Path properties = options.properties.toAbsolutePath();
        if (!Files.isRegularFile(properties)) {
            err.println(properties.getFileName() + ": not found (run function-descriptors in the folder that holds"
                    + " application.properties and routes/, or name the file)");
            return 2;
        }
        List<Problem> problems = new ArrayList<>(PropertiesFile.problemsWithChannels(properties,
                properties.getFileName().toString()));
        if (!problems.isEmpty()) {
            return report(problems, err);
        }
        Path base = properties.getParent();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            PropertiesFile.readAsUtf8(context.getPropertiesComponent());
            context.getPropertiesComponent().setLocation(PropertiesFile.locations(properties));
            OldNames.apply(context.getPropertiesComponent()).forEach(w -> err.println("warning: " + w));
            // a descriptor of a configuration that does not run would only fail on the platform
            ConfigValidator validator = new ConfigValidator(context, base, false);
            problems.addAll(validator.validate());
            if (!problems.isEmpty()) {
                return report(problems, err);
            }
            if (context.resolvePropertyPlaceholders("{{bactrian.time-zone:}}").isBlank()) {
                err.println("warning: bactrian.time-zone is not set: crons without a zone are read in this machine's zone, "
                        + ZoneId.systemDefault().getId());
            }
            List<MonitorSchedules.Due> due = schedules(context, base, validator.routeFiles());
            List<TimerTrigger> timers = timers(options.platform, due, problems);
            if (!problems.isEmpty()) {
                return report(problems, err);
            }
            Path file = write(options, base, timers);
            out.println(file + ": " + timers.size() + (timers.size() == 1 ? " timer" : " timers") + " for "
                    + due.size() + (due.size() == 1 ? " monitor" : " monitors"));
            return 0;
        } catch (Exception e) {
            err.println("function-descriptors failed: " + RootMessage.of(e));
            return 2;
        }
    }

    /** Every monitor's schedule, from the routes as Camel reads them (preconditions and all) and the monitor lists. */
    private static List<MonitorSchedules.Due> schedules(DefaultCamelContext context, Path base, List<Path> routeFiles)
            throws Exception {
        List<Resource> resources = new ArrayList<>();
        for (Path file : routeFiles) {
            resources.add(ResourceHelper.resolveResource(context, "file:" + file.toAbsolutePath()));
        }
        PluginHelper.getRoutesLoader(context).loadRoutes(resources);
        List<Monitor> listed = MonitorLists.read(context, base).monitors();
        List<MonitorSchedules.Due> due = new ArrayList<>();
        for (RouteDefinition route : ((ModelCamelContext) context).getRouteDefinitions()) {
            if (!starts(context, route)) {
                continue;
            }
            String uri = context.resolvePropertyPlaceholders(route.getInput().getEndpointUri());
            if (!uri.startsWith("schedule:")) {
                continue;
            }
            String file = route.getResource() == null ? null : base.relativize(Path.of(
                    route.getResource().getLocation().replaceFirst("^file:", "")).toAbsolutePath()).toString();
            due.addAll(MonitorSchedules.of(context, context.getEndpoint(uri), route.getRouteId(), file, listed));
        }
        return due;
    }

    /**
     * Whether the route's schedule runs: not when it is not started ({@code autoStartup: false}), nor
     * when its precondition, a simple predicate over the properties, is false.
     */
    private static boolean starts(DefaultCamelContext context, RouteDefinition route) {
        String autoStartup = route.getAutoStartup();
        if (autoStartup != null && context.resolvePropertyPlaceholders(autoStartup).strip().equalsIgnoreCase("false")) {
            return false;
        }
        String precondition = route.getPrecondition();
        if (precondition == null || precondition.isBlank()) {
            return true;
        }
        String resolved = context.resolvePropertyPlaceholders(precondition);
        return context.resolveLanguage("simple").createPredicate(resolved)
                .matches(new DefaultExchange(context));
    }

    /** The monitors grouped by their cron as the platform writes it: one timer each. */
    private static List<TimerTrigger> timers(FunctionPlatform platform, List<MonitorSchedules.Due> due,
                                             List<Problem> problems) {
        Map<String, List<String>> byCron = new LinkedHashMap<>();
        for (MonitorSchedules.Due d : due) {
            try {
                byCron.computeIfAbsent(platform.cron(d.schedule(), d.zone()), c -> new ArrayList<>()).add(d.monitor());
            } catch (CronException e) {
                problems.add(new Problem(d.file(), d.monitor(), "cron", "'" + d.schedule().expression() + "' (in "
                        + d.zone().getId() + "): " + e.getMessage()));
            }
        }
        List<TimerTrigger> timers = new ArrayList<>();
        byCron.forEach((cron, monitors) -> {
            TimerTrigger timer = new TimerTrigger(cron, monitors.stream().sorted().toList());
            if (!platform.fits(timer)) {
                problems.add(new Problem(platform.file, null, "cron", "the " + monitors.size() + " monitors on '" + cron
                        + "' do not fit the " + platform.payloadLimit() / 1024 + " KB a timer's payload may hold;"
                        + " give some of them another cron"));
            }
            timers.add(timer);
        });
        return timers;
    }

    private static Path write(Options options, Path base, List<TimerTrigger> timers) throws IOException {
        Path folder = options.out.toAbsolutePath().normalize();
        Files.createDirectories(folder);
        // the package the platform uploads is the folder of these monitors, with bootstrap and bactrian.jar beside them
        String code = folder.relativize(base.toAbsolutePath().normalize()).toString();
        Map<String, String> environment = new LinkedHashMap<>(FUNCTION_ENVIRONMENT);
        environment.putAll(options.environment);
        FunctionPlatform.Settings settings = new FunctionPlatform.Settings(options.name,
                options.region != null ? options.region : options.platform.region, code.isEmpty() ? "." : code,
                options.image, options.memory, options.timeout, environment);
        String yaml = new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build())
                .dumpToString(options.platform.document(settings, timers));
        Path file = folder.resolve(options.platform.file);
        Files.writeString(file, "# written by 'java -jar bactrian.jar function-descriptors --platform "
                + options.platform.option + "' from the monitors' crons: write it again after changing one\n" + yaml,
                StandardCharsets.UTF_8);
        return file;
    }

    private static int report(List<Problem> problems, PrintStream err) {
        problems.forEach(err::println);
        err.println(problems.size() + " problem(s) found");
        return 2;
    }

    /** The command line; a bad one throws IllegalArgumentException. */
    private static final class Options {
        private FunctionPlatform platform;
        private Path out = Path.of(".");
        private Path properties = Path.of("application.properties");
        private String name = DEFAULT_NAME;
        private String region;
        private String image;
        private int memory = DEFAULT_MEMORY;
        private int timeout = DEFAULT_TIMEOUT;
        private final Map<String, String> environment = new LinkedHashMap<>();

        static Options parse(String[] args) {
            Options o = new Options();
            boolean propertiesGiven = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("-")) {
                    if (propertiesGiven) {
                        throw new IllegalArgumentException("one properties file at most, got '" + arg + "' too");
                    }
                    o.properties = Path.of(arg);
                    propertiesGiven = true;
                    continue;
                }
                if (!List.of("--platform", "--out", "--name", "--region", "--memory", "--timeout", "--env", "--image")
                        .contains(arg)) {
                    throw new IllegalArgumentException("unknown option '" + arg + "'");
                }
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException("option " + arg + " needs a value");
                }
                String value = args[++i];
                switch (arg) {
                    case "--platform" -> o.platform = FunctionPlatform.of(value);
                    case "--out" -> o.out = Path.of(value);
                    case "--name" -> o.name = name(value);
                    case "--region" -> o.region = value;
                    case "--memory" -> o.memory = positive(arg, value);
                    case "--timeout" -> o.timeout = positive(arg, value);
                    case "--env" -> environment(o, value);
                    default -> o.image = value;
                }
            }
            if (o.platform == null) {
                throw new IllegalArgumentException("--platform fc or --platform scf is required");
            }
            if (o.image != null && o.platform != FunctionPlatform.FC) {
                throw new IllegalArgumentException("--image is for --platform fc");
            }
            return o;
        }

        private static String name(String value) {
            // both platforms: a letter first, then letters, digits, '-' and '_'
            if (!value.matches("[A-Za-z][A-Za-z0-9_-]{1,59}")) {
                throw new IllegalArgumentException("--name '" + value + "' must start with a letter and hold only"
                        + " letters, digits, '-' and '_' (2 to 60)");
            }
            return value;
        }

        private static int positive(String option, String value) {
            if (!value.matches("[1-9][0-9]{0,5}")) {
                throw new IllegalArgumentException(option + " '" + value + "' is not a positive whole number");
            }
            return Integer.parseInt(value);
        }

        private static void environment(Options o, String value) {
            int eq = value.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--env '" + value + "' is not NAME=VALUE");
            }
            o.environment.put(value.substring(0, eq), value.substring(eq + 1));
        }
    }
}
