package io.bactrian.function;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.bactrian.config.RootMessage;
import io.bactrian.oneshot.OnceMode;
import io.bactrian.oneshot.OnceRun;
import org.apache.camel.CamelContext;

/**
 * Runs one invocation in the started application: the monitors its event names, one time, then
 * waits for their alerts to go out, all before the invocation's deadline less a margin (a tenth
 * of its time, at least 0.5 s and at most 2 s), so the answer reaches the platform before it gives up. Alerts not sent by then stay queued for the
 * next invocation. One invocation at a time: the platforms send one per instance by default.
 */
final class InvocationRunner {
    /** The answer to give the platform: a success or an error, and its JSON. */
    record Answer(boolean ok, String json) {
    }

    private static final Duration MOST_MARGIN = Duration.ofSeconds(2);
    private static final Duration LEAST_MARGIN = Duration.ofMillis(500);
    private static final Duration MOST_DRAIN = Duration.ofSeconds(15);

    private final CamelContext context;
    private final WarmFires fires;
    private final PrintStream out;
    private final PrintStream err;
    private volatile OnceRun current;

    InvocationRunner(CamelContext context, WarmFires fires, PrintStream out, PrintStream err) {
        this.context = context;
        this.fires = fires;
        this.out = out;
        this.err = err;
    }

    /** Runs the invocation with this event; never throws but when interrupted. */
    synchronized Answer handle(String requestId, String event, Instant deadline) throws InterruptedException {
        try {
            Report report = run(TimerEvents.monitors(event), deadline);
            report.print(out);
            if (report.queued() > 0) {
                err.println(report.queued() + " alert(s) could not be sent yet; they stay queued for the next invocation");
            }
            return new Answer(true, report.json(requestId));
        } catch (InvocationFailed f) {
            if (f.report() != null) {
                f.report().print(out);
            }
            err.println("function: invocation " + requestId + " failed: " + f.getMessage());
            return new Answer(false, Report.error(requestId, f.type(), f.getMessage(), f.report()));
        } catch (RuntimeException e) {
            String message = RootMessage.of(e);
            err.println("function: invocation " + requestId + " failed: " + message);
            return new Answer(false, Report.error(requestId, "RunFailed", message, null));
        }
    }

    /** The instance stops: the invocation in progress ends now, as an error. */
    void stop() {
        OnceRun run = current;
        if (run != null) {
            run.stop();
        }
    }

    private Report run(Set<String> only, Instant deadline) throws InvocationFailed, InterruptedException {
        Instant started = Instant.now();
        Duration budget = Duration.between(started, deadline);
        Duration margin = clamp(budget.dividedBy(10));
        Instant cutoff = deadline.minus(margin);
        if (!started.isBefore(cutoff)) {
            throw new InvocationFailed("DeadlineExceeded", "the deadline had passed when the invocation arrived");
        }
        OnceRun run = new OnceRun(only);
        current = run;
        try {
            fires.fire(run);
            if (!run.unknown().isEmpty()) {
                throw new InvocationFailed("UnknownMonitor", "no monitor named " + run.unknown());
            }
            boolean finished = run.await(left(cutoff));
            if (run.stopped()) {
                throw new InvocationFailed("Stopped", "the instance stopped before the monitors finished",
                        report(run, "stopped before it finished", started));
            }
            if (!finished) {
                throw new InvocationFailed("DeadlineExceeded", "monitors " + run.missing() + " did not finish "
                        + margin.toMillis() + " ms before the deadline",
                        report(run, "did not finish before the deadline", started));
            }
            OnceMode.postFiringAgain(context, "function", err);
            long queued = OnceMode.drain(context, min(MOST_DRAIN, left(cutoff)));
            return new Report(run.results(), run.missing(), "", queued, started);
        } finally {
            current = null;
        }
    }

    private Report report(OnceRun run, String late, Instant started) {
        return new Report(run.results(), run.missing(), late, OnceMode.waiting(context), started);
    }

    private static Duration left(Instant cutoff) {
        Duration left = Duration.between(Instant.now(), cutoff);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Duration clamp(Duration margin) {
        return margin.compareTo(LEAST_MARGIN) < 0 ? LEAST_MARGIN : min(margin, MOST_MARGIN);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
