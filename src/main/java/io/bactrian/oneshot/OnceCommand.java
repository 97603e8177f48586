package io.bactrian.oneshot;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.bactrian.core.CheckResult;
import io.bactrian.core.Usage;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * {@code once [monitor ...] [--timeout <seconds>]}: runs every monitor (or those named) one time,
 * sends what the alert rules say, prints the results, and exits 0 when all are up, 1 when any is
 * down, 2 on configuration errors. Alert state stays in the data folder between runs, so a
 * timer firing every minute still sends one DOWN and one RESOLVED.
 */
public final class OnceCommand {
    public static final String HELP = """
            usage: once [<monitor> ...] [--timeout <seconds>]

            Runs every monitor (or those named) one time, sends what the alert rules say, prints
            one line per monitor and exits; alert state is kept between runs, so a timer running
            once every minute still sends one DOWN and one RESOLVED per incident.
              --timeout <seconds>  give up on monitors not finished by then (default 60)
            Exit 0 when all are up, 1 when any is down, 2 for configuration errors.
            """;

    private OnceCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (Usage.asked(args)) {
            out.print(HELP);
            return 0;
        }
        Set<String> only = new LinkedHashSet<>();
        Duration timeout = Duration.ofSeconds(60);
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--timeout")) {
                if (i + 1 == args.length || !args[i + 1].matches("[1-9][0-9]{0,8}")) {
                    err.println("once: --timeout needs a whole number of seconds (see 'once --help')");
                    return 2;
                }
                timeout = Duration.ofSeconds(Long.parseLong(args[++i]));
            } else if (args[i].startsWith("-")) {
                err.println(Usage.unknown("once", args[i]));
                return 2;
            } else {
                only.add(args[i]);
            }
        }
        OnceRun run = new OnceRun(only);
        Main main = OnceMode.create(run, run);
        main.getShutdownStrategy().addShutdownListener(run::stop);
        // an earlier run still going may hold the H2 file as long as its own run lasts, and then some
        OnceState state = new OnceState(timeout.plusMinutes(1));
        main.addMainListener(state);
        OnceLauncher.endWithLauncher(System.getenv());
        if (!OnceMode.start(main, "once", err)) {
            state.release();
            return 2;
        }
        try {
            if (!run.unknown().isEmpty()) {
                err.println("once: no monitor named " + run.unknown());
                return 2;
            }
            boolean finished = run.await(timeout);
            CamelContext context = main.getCamelContext();
            if (!run.stopped()) {
                OnceMode.postFiringAgain(context, "once", err);
            }
            long queued = run.stopped() ? OnceMode.waiting(context) : OnceMode.drain(context, Duration.ofSeconds(15));
            Map<String, CheckResult> results = run.results();
            OnceMode.print(out, results, run.missing(),
                    run.stopped() ? "stopped before it finished" : "did not finish within " + timeout.toSeconds() + " s");
            if (queued > 0) {
                err.println(queued + " alert(s) could not be sent yet; they stay queued for the next run");
            }
            boolean allUp = finished && results.values().stream().allMatch(CheckResult::up);
            return allUp ? 0 : 1;
        } finally {
            main.stop();
            state.release();
        }
    }
}
