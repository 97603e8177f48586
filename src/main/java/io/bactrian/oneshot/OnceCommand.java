package io.bactrian.oneshot;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.bactrian.channel.AlertQueue;
import io.bactrian.channel.Attempt;
import io.bactrian.channel.ChannelSenders;
import io.bactrian.config.ConfigProblemsException;
import io.bactrian.config.MonitorMain;
import io.bactrian.config.RootMessage;
import io.bactrian.core.CheckResult;
import io.bactrian.core.DisplayWidth;
import io.bactrian.core.Usage;
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
        Main main = MonitorMain.create();
        main.bind("onceRun", run);
        // one-shot mode is told to the components that act on it, as any of their settings
        main.addOverrideProperty("camel.component.schedule.fire-once", "#bean:onceRun");
        main.addOverrideProperty("camel.component.alert-rule.check-listener", "#bean:onceRun");
        main.addOverrideProperty("camel.main.routes-reload-enabled", "false");
        // a run ends when its alerts are sent: each goes at once, without a wait for others
        main.addOverrideProperty("mail.group-wait", "0");
        main.addOverrideProperty("channel.group-wait", "0");
        // a run cut short (stopped, or past --timeout) ends within seconds, not after Camel's 45 s
        // wait for probes still in flight: a CronJob's or a function's stop comes with a deadline
        main.addOverrideProperty("camel.main.shutdown-timeout", "5");
        main.getShutdownStrategy().addShutdownListener(run::stop);
        // an earlier run still going may hold the H2 file as long as its own run lasts, and then some
        OnceState state = new OnceState(timeout.plusMinutes(1));
        main.addMainListener(state);
        OnceLauncher.endWithLauncher(System.getenv());
        try {
            main.start();
        } catch (Exception e) {
            state.release();
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ConfigProblemsException problems) {
                    err.println(problems.getMessage());
                    return 2;
                }
            }
            err.println("once: cannot start: " + RootMessage.of(e));
            return 2;
        }
        try {
            if (!run.unknown().isEmpty()) {
                err.println("once: no monitor named " + run.unknown());
                return 2;
            }
            boolean finished = run.await(timeout);
            AlertQueue queue = main.getCamelContext().getRegistry().lookupByNameAndType("alertQueue", AlertQueue.class);
            if (!run.stopped()) {
                postFiringAgain(main.getCamelContext().getRegistry().lookupByNameAndType("channelSenders",
                        ChannelSenders.class), err);
            }
            long queued = run.stopped() ? waiting(queue) : drain(queue, Duration.ofSeconds(15));
            Map<String, CheckResult> results = run.results();
            results.forEach((monitor, r) -> out.println(DisplayWidth.padRight(monitor, 24) + " " + (r.up() ? "UP  " : "DOWN")
                    + " " + r.summary()));
            String late = run.stopped() ? "stopped before it finished" : "did not finish within " + timeout.toSeconds() + " s";
            run.missing().forEach(m -> out.println(DisplayWidth.padRight(m, 24) + " DOWN " + late));
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

    /**
     * Posts the alerts firing at Alertmanager again, each lasting four re-send intervals, as the
     * re-send timer would if the run lasted: without it Alertmanager ends them between runs.
     */
    private static void postFiringAgain(ChannelSenders senders, PrintStream err) {
        for (Attempt a : senders.resendFiring("alertmanager")) {
            if (!a.outcome().equals("DELIVERED")) {
                err.println("once: firing alerts " + a.summary() + " not sent again to alertmanager: " + a.reason());
            }
        }
    }

    /** Gives the delivery route time to send what this run queued; returns what is left. */
    private static long drain(AlertQueue queue, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        long left = waiting(queue);
        while (left > 0 && System.nanoTime() < end) {
            Thread.sleep(100);
            left = waiting(queue);
        }
        return left;
    }

    private static long waiting(AlertQueue queue) {
        return queue.count("queued").values().stream().mapToLong(Integer::longValue).sum();
    }
}
