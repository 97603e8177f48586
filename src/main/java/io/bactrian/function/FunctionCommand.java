package io.bactrian.function;

import java.io.PrintStream;
import java.net.BindException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.bactrian.core.Usage;
import io.bactrian.oneshot.OnceMode;
import io.bactrian.store.StateStorage;
import org.apache.camel.main.Main;

/**
 * {@code function [--platform fc|scf] [--timeout <seconds>]}: the jar as a function of Alibaba
 * Cloud Function Compute or Tencent Cloud SCF, fired by their timer triggers. The application
 * starts once per instance with its schedules idle; each invocation runs the monitors once, as
 * {@code once} does, and answers the results; a warm instance runs the next one without a new start.
 */
public final class FunctionCommand {
    public static final String HELP = """
            usage: function [--platform fc|scf] [--timeout <seconds>]

            Runs as a function of Alibaba Cloud Function Compute (an HTTP server on port
            $FC_SERVER_PORT, default 9000) or Tencent Cloud SCF (the runtime API at
            $SCF_RUNTIME_API:$SCF_RUNTIME_API_PORT). Each invocation runs every monitor, or those its
            timer's payload {"monitors":["<id>", ...]} names, one time, sends what the alert rules
            say and answers the results as JSON before the invocation's deadline; the application
            stays started between invocations.
              --platform fc|scf    the platform (default scf when SCF_RUNTIME_API is set, else fc)
              --timeout <seconds>  the deadline of an invocation that comes without one (default 60)
            Exit 2 for configuration errors, 1 when the SCF runtime API goes away.
            """;
    private static final int FC_DEFAULT_PORT = 9000;

    private FunctionCommand() {
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        if (Usage.asked(args)) {
            out.print(HELP);
            return 0;
        }
        String platform = env.containsKey("SCF_RUNTIME_API") ? "scf" : "fc";
        Duration timeout = Duration.ofSeconds(60);
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--platform") && i + 1 < args.length && args[i + 1].matches("fc|scf")) {
                platform = args[++i];
            } else if (args[i].equals("--platform")) {
                err.println("function: --platform is fc or scf (see 'function --help')");
                return 2;
            } else if (args[i].equals("--timeout") && i + 1 < args.length && args[i + 1].matches("[1-9][0-9]{0,8}")) {
                timeout = Duration.ofSeconds(Long.parseLong(args[++i]));
            } else if (args[i].equals("--timeout")) {
                err.println("function: --timeout needs a whole number of seconds (see 'function --help')");
                return 2;
            } else {
                err.println(Usage.unknown("function", args[i]));
                return 2;
            }
        }
        String port = env.getOrDefault("FC_SERVER_PORT", String.valueOf(FC_DEFAULT_PORT));
        if (platform.equals("fc") && !port.matches("[1-9][0-9]{0,4}")) {
            err.println("function: FC_SERVER_PORT is not a port: " + port);
            return 2;
        }
        URI api = platform.equals("scf") ? scfApi(env, err) : null;
        if (platform.equals("scf") && api == null) {
            return 2;
        }
        WarmFires fires = new WarmFires();
        Main main = OnceMode.create(fires, fires);
        if (!OnceMode.start(main, "function", err)) {
            return 2;
        }
        StateStorage.warnIfForgotten(main.getCamelContext().getPropertiesComponent());
        InvocationRunner runner = new InvocationRunner(main.getCamelContext(), fires, out, err);
        CountDownLatch stopped = new CountDownLatch(1);
        // the platform stops an instance with SIGTERM: the invocation in progress answers an error
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runner.stop();
            main.stop();
            stopped.countDown();
        }, "function-stop"));
        try {
            if (platform.equals("scf")) {
                return new ScfRuntimeLoop(api, runner, timeout, err).run();
            }
            FcServer server = new FcServer(runner, timeout, out);
            try {
                server.start(Integer.parseInt(port));
            } catch (BindException e) {
                // most often the status page's server, when camel.server.enabled is left on with that port
                err.println("function: cannot listen on FC_SERVER_PORT " + port + " (" + e.getMessage()
                        + "): is camel.server.port the same? Function Compute reaches only this port");
                return 2;
            }
            out.println("function: Function Compute custom runtime listening on port " + server.port());
            stopped.await();
            return 0;
        } finally {
            main.stop();
        }
    }

    private static URI scfApi(Map<String, String> env, PrintStream err) {
        String host = env.getOrDefault("SCF_RUNTIME_API", "");
        String port = env.getOrDefault("SCF_RUNTIME_API_PORT", "");
        if (host.isBlank() || !port.matches("[1-9][0-9]{0,4}")) {
            err.println("function: SCF_RUNTIME_API and SCF_RUNTIME_API_PORT must name the runtime API (host '" + host
                    + "', port '" + port + "')");
            return null;
        }
        return URI.create("http://" + host + ":" + port);
    }
}
