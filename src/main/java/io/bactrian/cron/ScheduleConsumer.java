package io.bactrian.cron;

import java.util.Date;
import java.util.List;

import io.bactrian.monitor.Monitor;
import io.bactrian.monitor.MonitorCatalog;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Suspendable;
import org.apache.camel.support.DefaultConsumer;

/**
 * Feeds the route from the {@link Timetable}: a route with a cron is one monitor, named by the
 * route id; a kind's route ({@code schedule:http}) runs every monitor of that kind in the monitor
 * lists, each on its own cron, the exchange carrying the monitor ({@link Monitor#PROPERTY}).
 * <p>
 * Suspendable, so stopping the route (a reload, the monitor stopping) first stops new fires
 * and lets a check in progress finish, with its alert; stopped at once, the consumer would
 * stop the route's processors under it.
 */
class ScheduleConsumer extends DefaultConsumer implements Suspendable {
    private String monitor;
    private KindSchedule kind;
    private MonitorCatalog catalog;

    ScheduleConsumer(ScheduleEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public ScheduleEndpoint getEndpoint() {
        return (ScheduleEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        ScheduleEndpoint endpoint = getEndpoint();
        CamelContext context = endpoint.getCamelContext();
        ScheduleComponent component = (ScheduleComponent) endpoint.getComponent();
        FireOnce once = component.getFireOnce();
        if (endpoint.isKind()) {
            catalog = context.getRegistry().findSingleByType(MonitorCatalog.class);
            List<Monitor> monitors = catalog == null ? List.of() : catalog.ofKind(endpoint.getName());
            if (once != null) {
                monitors.forEach(m -> once.offer(m.id(), done -> component.checks().execute(() -> {
                    try {
                        run(m.under(endpoint.defaults()), null, new Date());
                    } finally {
                        done.run();
                    }
                })));
                return;
            }
            kind = new KindSchedule(endpoint.getName(), endpoint.defaults(), component.timetable(), component.checks(),
                    component.shards(), Zones.of(context), (m, times) -> run(m, times[0], times[1]));
            if (catalog != null) {
                KindSchedule schedule = kind;
                catalog.listen(kind, all -> all.stream().filter(m -> m.kind().equals(schedule.kind())).forEach(schedule::add));
            }
            return;
        }
        // the route id names the monitor: one template can serve many monitors
        monitor = getRouteId() != null ? getRouteId() : endpoint.getName();
        if (once != null) {
            // one-shot mode: fire when told, instead of on the schedule
            String id = monitor;
            once.offer(id, done -> {
                Thread thread = new Thread(() -> {
                    try {
                        run(null, null, new Date());
                    } finally {
                        done.run();
                    }
                }, "once-" + id);
                thread.setDaemon(true);
                thread.start();
            });
            return;
        }
        CronSchedule schedule = endpoint.schedule();
        component.timetable().add(monitor, schedule, endpoint.zone(schedule), (scheduled, at) -> run(null, scheduled, at));
    }

    private void run(Monitor m, Date scheduledFireTime, Date fireTime) {
        if (!isRunAllowed() || isSuspendingOrSuspended()) {
            return; // a trigger that fires while the route stops
        }
        Exchange exchange = createExchange(false);
        try {
            if (m != null) {
                exchange.setProperty(Monitor.PROPERTY, m);
            }
            exchange.getMessage().setHeader("scheduledFireTime", scheduledFireTime);
            exchange.getMessage().setHeader("fireTime", fireTime);
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        try {
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Error processing scheduled run"
                        + (m == null ? "" : " of " + m.id()), exchange, exchange.getException());
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }

    /** Whether this consumer fires the monitors of {@code kind}. */
    boolean fires(String kind) {
        return getEndpoint().isKind() && getEndpoint().getName().equals(kind);
    }

    /**
     * Runs the monitor once through this kind's route, now, marked {@link CheckNow#PROPERTY} so
     * the route stops before its outcome is recorded or alerted; the body it ended with.
     */
    Object checkNow(Monitor m) throws Exception {
        Exchange exchange = createExchange(false);
        try {
            exchange.setProperty(Monitor.PROPERTY, m.under(getEndpoint().defaults()));
            exchange.setProperty(CheckNow.PROPERTY, true);
            exchange.getMessage().setHeader("fireTime", new Date());
            getProcessor().process(exchange);
            if (exchange.getException() != null) {
                throw exchange.getException();
            }
            return exchange.getMessage().getBody();
        } finally {
            releaseExchange(exchange, false);
        }
    }

    @Override
    protected void doStop() throws Exception {
        CamelContext context = getEndpoint().getCamelContext();
        ScheduleComponent component = (ScheduleComponent) getEndpoint().getComponent();
        // the route was removed or reloaded, not the instance stopped: with replicas its schedules
        // leave the shared database too, and a reload schedules them afresh
        boolean everywhere = !context.isStopping();
        if (kind != null) {
            if (catalog != null) {
                catalog.unlisten(kind);
            }
            kind.stop(everywhere);
            kind = null;
        } else if (monitor != null && component.getFireOnce() == null) {
            component.timetable().remove(monitor, everywhere);
        }
        super.doStop();
    }
}
