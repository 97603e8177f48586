package io.bactrian.oneshot;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.bactrian.alert.CheckListener;
import io.bactrian.channel.AlertQueue;
import io.bactrian.channel.Attempt;
import io.bactrian.channel.ChannelSenders;
import io.bactrian.config.ConfigProblemsException;
import io.bactrian.config.MonitorMain;
import io.bactrian.config.RootMessage;
import io.bactrian.core.CheckResult;
import io.bactrian.core.DisplayWidth;
import io.bactrian.cron.FireOnce;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The application set up for runs on demand instead of on the crons, and the end of such a run:
 * what {@code once} and the function mode share.
 */
public final class OnceMode {
    private OnceMode() {
    }

    /** The application whose schedules fire when {@code fires} says, each check told to {@code listener}. */
    public static Main create(FireOnce fires, CheckListener listener) {
        Main main = MonitorMain.create();
        main.bind("onceFires", fires);
        main.bind("onceChecks", listener);
        // one-shot mode is told to the components that act on it, as any of their settings
        main.addOverrideProperty("camel.component.schedule.fire-once", "#bean:onceFires");
        main.addOverrideProperty("camel.component.alert-rule.check-listener", "#bean:onceChecks");
        main.addOverrideProperty("camel.main.routes-reload-enabled", "false");
        // a run ends when its alerts are sent: each goes at once, without a wait for others
        main.addOverrideProperty("mail.group-wait", "0");
        main.addOverrideProperty("channel.group-wait", "0");
        // a run cut short (stopped, or past --timeout) ends within seconds, not after Camel's 45 s
        // wait for probes still in flight: a CronJob's or a function's stop comes with a deadline
        main.addOverrideProperty("camel.main.shutdown-timeout", "5");
        return main;
    }

    /** Starts the application; false when it could not, after printing the one line that says why. */
    public static boolean start(Main main, String command, PrintStream err) {
        try {
            main.start();
            return true;
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ConfigProblemsException problems) {
                    err.println(problems.getMessage());
                    return false;
                }
            }
            err.println(command + ": cannot start: " + RootMessage.of(e));
            return false;
        }
    }

    /**
     * Posts the alerts firing at Alertmanager again, each lasting four re-send intervals, as the
     * re-send timer would if the run lasted: without it Alertmanager ends them between runs.
     */
    public static void postFiringAgain(CamelContext context, String command, PrintStream err) {
        ChannelSenders senders = context.getRegistry().lookupByNameAndType("channelSenders", ChannelSenders.class);
        for (Attempt a : senders.resendFiring("alertmanager")) {
            if (!a.outcome().equals("DELIVERED")) {
                err.println(command + ": firing alerts " + a.summary() + " not sent again to alertmanager: " + a.reason());
            }
        }
    }

    /** Gives the delivery route up to {@code limit} to send what is queued; returns what is left. */
    public static long drain(CamelContext context, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        long left = waiting(context);
        while (left > 0 && System.nanoTime() < end) {
            Thread.sleep(Math.max(1, Math.min(100, (end - System.nanoTime()) / 1_000_000)));
            left = waiting(context);
        }
        return left;
    }

    /** The alerts queued and not sent yet, on every channel. */
    public static long waiting(CamelContext context) {
        AlertQueue queue = context.getRegistry().lookupByNameAndType("alertQueue", AlertQueue.class);
        return queue.count("queued").values().stream().mapToLong(Integer::longValue).sum();
    }

    /** One line per monitor: its result, or {@code late} for those that did not finish. */
    public static void print(PrintStream out, Map<String, CheckResult> results, Set<String> missing, String late) {
        results.forEach((monitor, r) -> out.println(DisplayWidth.padRight(monitor, 24) + " " + (r.up() ? "UP  " : "DOWN")
                + " " + r.summary()));
        missing.forEach(m -> out.println(DisplayWidth.padRight(m, 24) + " DOWN " + late));
    }
}
