package io.bactrian;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

import io.bactrian.auth.HashPasswordCommand;
import io.bactrian.auth.NewTokenCommand;
import io.bactrian.config.ConfigProblemsException;
import io.bactrian.config.MonitorMain;
import io.bactrian.config.RootMessage;
import io.bactrian.config.ValidateCommand;
import io.bactrian.core.Usage;
import io.bactrian.cron.CronCommand;
import io.bactrian.deploy.FunctionDescriptorsCommand;
import io.bactrian.function.FunctionCommand;
import io.bactrian.migrate.MigrateCommand;
import io.bactrian.oneshot.OnceCommand;
import io.bactrian.oneshot.OnceLauncher;
import io.bactrian.probe.HttpProbe;
import io.bactrian.probe.ProbeWarmUp;
import io.bactrian.probe.kafka.KafkaLagCommand;
import io.bactrian.probe.speedtest.NodeProbers;
import io.bactrian.probe.speedtest.ProbeCommand;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar bactrian.jar [run]} runs the monitors of ./application.properties and
 * ./routes; {@code once} runs each monitor one time, {@code function} at each invocation of a
 * serverless platform; {@code validate}, {@code migrate-monitors}, {@code cron}, {@code probe},
 * {@code kafka-lag}, {@code function-descriptors}, {@code hash-password} and {@code new-token}
 * are tools for the same files.
 */
public final class Bactrian {
    private Bactrian() {
    }

    static final String HELP = """
            usage: java -jar bactrian.jar [<command>] [<options>]

            commands:
              run        runs the monitors of ./application.properties and ./routes until stopped (the default)
              once       runs every monitor one time, sends its alerts, prints the results and exits
              function   runs as a function of Function Compute or SCF: each invocation runs the monitors once
              validate   checks application.properties and the route files
              migrate-monitors  moves templatedRoutes of http-status into the monitor list monitors/migrated.yaml
              probe      probes a URL once from every node and prints the timings
              kafka-lag  prints the current lag of Kafka consumer groups
              cron       prints the next fire times of a cron expression
              function-descriptors  writes a Function Compute s.yaml or SCF serverless.yml with a timer per schedule
              hash-password  reads a password from standard input and prints its bcrypt hash for the users file
              new-token  makes an API token, prints it once and the users file's entry with its hash

            '<command> --help' tells the options of a command.
            """;

    static final String RUN_HELP = """
            usage: run [<Camel Main option> ...]

            Runs the monitors of ./application.properties and ./routes until stopped; settings come
            from that file, -D options and environment variables. Camel Main's options:
            """;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && List.of("--help", "-h", "help").contains(args[0])) {
            System.out.print(HELP);
            System.exit(0);
        }
        String command = args.length == 0 ? "run" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "cron" -> System.exit(CronCommand.run(rest, System.out, System.err));
            case "validate" -> System.exit(ValidateCommand.run(rest, System.out, System.err));
            case "migrate-monitors" -> System.exit(MigrateCommand.run(rest, System.out, System.err));
            case "probe" -> {
                ProbeWarmUp.startInBackground(Arrays.stream(rest).anyMatch(arg -> arg.regionMatches(true, 0, "https:", 0, 6)));
                System.exit(ProbeCommand.run(rest, System.out, System.err, new NodeProbers(new HttpProbe())));
            }
            case "kafka-lag" -> System.exit(KafkaLagCommand.run(rest, System.out, System.err));
            case "function-descriptors" -> System.exit(FunctionDescriptorsCommand.run(rest, System.out, System.err));
            case "hash-password" -> System.exit(HashPasswordCommand.run(rest, System.in, System.out, System.err));
            case "new-token" -> System.exit(NewTokenCommand.run(rest, System.out, System.err));
            case "run" -> System.exit(run(rest));
            case "once" -> {
                // help needs no second JVM
                OptionalInt child = Usage.asked(rest) ? OptionalInt.empty() : OnceLauncher.runInChild();
                if (child.isPresent()) {
                    System.exit(child.getAsInt());
                }
                ProbeWarmUp.startInBackground(false); // the monitors' components add TLS for https targets
                System.exit(OnceCommand.run(rest, System.out, System.err));
            }
            case "function" -> {
                ProbeWarmUp.startInBackground(false); // as for once: TLS is ready by the first https check
                System.exit(FunctionCommand.run(rest, System.getenv(), System.out, System.err));
            }
            default -> {
                if (command.startsWith("-")) {
                    System.exit(run(args)); // camel-main's own options
                }
                System.err.println("unknown command '" + command + "': use run, once, function, validate, migrate-monitors, probe,"
                        + " kafka-lag, cron, function-descriptors, hash-password or new-token"
                        + " (see --help)");
                System.exit(2);
            }
        }
    }

    private static int run(String[] args) throws Exception {
        MonitorMain main = MonitorMain.create();
        if (Usage.asked(args)) {
            System.out.print(RUN_HELP);
            main.options().forEach(System.out::println);
            return 0;
        }
        String unknown = main.unknownOption(args);
        if (unknown != null) {
            System.err.println(Usage.unknown("run", unknown));
            return 2;
        }
        try {
            main.run(args);
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ConfigProblemsException problems) {
                    System.err.println(problems.getMessage());
                    return 2;
                }
            }
            // validate finds every configuration problem it knows of; what is left (a port in use,
            // a database that refuses) is said on one line too, its trace only at DEBUG
            System.err.println("start-up failed: " + RootMessage.of(e));
            LoggerFactory.getLogger(Bactrian.class).debug("start-up failed", e);
            return 1;
        }
        return main.getExitCode();
    }
}
