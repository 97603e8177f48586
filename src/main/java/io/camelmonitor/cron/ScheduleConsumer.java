package io.camelmonitor.cron;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.camelmonitor.oneshot.OnceRun;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.URISupport;

/**
 * Feeds the route from one Quartz trigger per translated expression. Two triggers exist when
 * an expression restricts both day and weekday (they fire on either); a moment both match
 * fires the route once.
 */
class ScheduleConsumer extends DefaultConsumer {
    private final List<Consumer> triggers = new ArrayList<>();
    /** Recent scheduled fire times: a late trigger thread must not fire a moment twice. */
    private final Set<Object> recentFires = new LinkedHashSet<>();

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
        // the route id names the monitor: one template can serve many monitors
        String monitor = getRouteId() != null ? getRouteId() : endpoint.getName();
        OnceRun once = endpoint.getCamelContext().getRegistry().findSingleByType(OnceRun.class);
        if (once != null) {
            // one-shot mode: fire now, once, instead of on the schedule
            if (once.expect(monitor)) {
                Thread thread = new Thread(() -> {
                    try {
                        run(null, new Date());
                    } finally {
                        once.fired(monitor);
                    }
                }, "once-" + monitor);
                thread.setDaemon(true);
                thread.start();
            }
            return;
        }
        CronSchedule schedule = endpoint.schedule();
        ZoneId zone = endpoint.zone(schedule);
        List<String> expressions = schedule.quartzExpressions();
        for (int i = 0; i < expressions.size(); i++) {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("cron", expressions.get(i));
            query.put("trigger.timeZone", zone.getId());
            query.put("stateful", "true"); // a slow probe delays the next fire instead of piling up
            String name = monitor + (i == 0 ? "" : "-" + i);
            Endpoint quartz = endpoint.getCamelContext()
                    .getEndpoint("quartz://camel-monitor/" + name + "?" + URISupport.createQueryString(query));
            Consumer trigger = quartz.createConsumer(this::fire);
            triggers.add(trigger);
            ServiceHelper.startService(trigger);
        }
    }

    private void fire(Exchange tick) throws Exception {
        if (!isRunAllowed()) {
            return; // a trigger that fires while the route stops
        }
        Object fireTime = tick.getMessage().getHeader("scheduledFireTime");
        if (fireTime != null) {
            synchronized (recentFires) {
                if (!recentFires.add(fireTime)) {
                    return;
                }
                if (recentFires.size() > 16) {
                    recentFires.remove(recentFires.iterator().next());
                }
            }
        }
        run(fireTime, tick.getMessage().getHeader("fireTime"));
    }

    private void run(Object scheduledFireTime, Object fireTime) {
        Exchange exchange = createExchange(false);
        try {
            exchange.getMessage().setHeader("scheduledFireTime", scheduledFireTime);
            exchange.getMessage().setHeader("fireTime", fireTime);
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        try {
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Error processing scheduled run", exchange, exchange.getException());
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopAndShutdownServices(triggers);
        triggers.clear();
        super.doStop();
    }
}
