package io.bactrian.cron;

import io.bactrian.core.CheckResult;
import io.bactrian.monitor.Monitor;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;

/**
 * "Check now": one run of a monitor through its kind's route, outside its schedule. The exchange
 * carries {@link #PROPERTY}, and the shared outcome route stops on it before the history, the
 * alert rule and the channels, so the run is answered and leaves no trace in the alert state.
 */
public final class CheckNow {
    /** The exchange property that marks a run as a check now; routes/check-outcome.yaml stops on it. */
    public static final String PROPERTY = "checkNow";

    private CheckNow() {
    }

    /** The monitor's result; null when no route runs its kind. */
    public static CheckResult run(CamelContext context, Monitor monitor) throws Exception {
        for (Route route : context.getRoutes()) {
            if (route.getConsumer() instanceof ScheduleConsumer consumer && consumer.fires(monitor.kind())) {
                Object body = consumer.checkNow(monitor);
                if (body instanceof CheckResult result) {
                    return result;
                }
                throw new IllegalStateException("the route " + route.getRouteId() + " ended without a check result");
            }
        }
        return null;
    }
}
