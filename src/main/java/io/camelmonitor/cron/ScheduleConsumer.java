package io.camelmonitor.cron;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.camelmonitor.oneshot.OnceRun;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Suspendable;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.component.quartz.QuartzConstants;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.URISupport;
import org.quartz.CronExpression;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/**
 * Feeds the route from one Quartz trigger per translated expression. Two triggers exist when
 * an expression restricts both day and weekday (they fire on either); a moment both match
 * fires the route once, from the first of them, on whichever instance fires it. With replicas,
 * an instance runs a fire time only once it has claimed it ({@link FireClaims}).
 * <p>
 * Suspendable, so stopping the route (a reload, the monitor stopping) first stops new fires
 * and lets a check in progress finish, with its alert; stopped at once, the consumer would
 * stop the route's processors under it.
 */
class ScheduleConsumer extends DefaultConsumer implements Suspendable {
    private static final String GROUP = "camel-monitor";

    private final List<Consumer> triggers = new ArrayList<>();
    private final List<QuartzEndpoint> endpoints = new ArrayList<>();
    private List<CronExpression> crons = List.of();
    private boolean clustered;
    private String monitor;

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
        // the route id names the monitor: one template can serve many monitors
        monitor = getRouteId() != null ? getRouteId() : endpoint.getName();
        OnceRun once = context.getRegistry().findSingleByType(OnceRun.class);
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
        clustered = ((ScheduleComponent) endpoint.getComponent()).clustered();
        CronSchedule schedule = endpoint.schedule();
        ZoneId zone = endpoint.zone(schedule);
        crons = schedule.quartzCrons(zone);
        List<String> expressions = schedule.quartzExpressions();
        for (int i = 0; i < expressions.size(); i++) {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("cron", expressions.get(i));
            query.put("trigger.timeZone", zone.getId());
            query.put("stateful", "true"); // a slow probe delays the next fire instead of piling up
            String name = monitor + (i == 0 ? "" : "-" + i);
            if (clustered) {
                dropChangedJob(name, expressions.get(i), zone);
            }
            QuartzEndpoint quartz = context.getEndpoint(
                    "quartz://" + GROUP + "/" + name + "?" + URISupport.createQueryString(query), QuartzEndpoint.class);
            int index = i;
            Consumer trigger = quartz.createConsumer(tick -> fire(tick, index));
            endpoints.add(quartz);
            triggers.add(trigger);
            ServiceHelper.startService(trigger);
        }
    }

    /**
     * A job kept in the shared database from an earlier cron or zone: Camel would reschedule
     * only its trigger and keep the old endpoint in the job, which no instance has any more.
     */
    private void dropChangedJob(String name, String cron, ZoneId zone) throws SchedulerException {
        Scheduler scheduler = scheduler();
        JobDetail job = scheduler.getJobDetail(JobKey.jobKey(name, GROUP));
        if (job != null) {
            JobDataMap data = job.getJobDataMap();
            if (!cron.equals(data.getString(QuartzConstants.QUARTZ_TRIGGER_CRON_EXPRESSION))
                    || !zone.getId().equals(data.getString(QuartzConstants.QUARTZ_TRIGGER_CRON_TIMEZONE))) {
                scheduler.deleteJob(job.getKey());
            }
        }
    }

    private Scheduler scheduler() {
        return getEndpoint().getCamelContext().getComponent("quartz", QuartzComponent.class).getScheduler();
    }

    private void fire(Exchange tick, int trigger) throws Exception {
        if (!isRunAllowed() || isSuspendingOrSuspended()) {
            return; // a trigger that fires while the route stops
        }
        Object fireTime = tick.getMessage().getHeader("scheduledFireTime");
        if (fireTime instanceof Date moment) {
            for (int earlier = 0; earlier < trigger; earlier++) {
                if (crons.get(earlier).isSatisfiedBy(moment)) {
                    return; // an earlier trigger fires this moment
                }
            }
            if (clustered && !claimed(moment)) {
                return; // another instance ran it
            }
        }
        run(fireTime, tick.getMessage().getHeader("fireTime"));
    }

    private boolean claimed(Date fireTime) throws SchedulerException {
        FireClaims claims = ((ScheduleComponent) getEndpoint().getComponent()).claims();
        return claims.claim(monitor, fireTime.getTime(), scheduler().getSchedulerInstanceId());
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
        CamelContext context = getEndpoint().getCamelContext();
        if (clustered && !context.isStopping()) {
            // the route was removed or reloaded, not the instance stopped: its jobs leave the shared
            // database, and a reload schedules them afresh from new endpoints
            for (QuartzEndpoint quartz : endpoints) {
                scheduler().deleteJob(JobKey.jobKey(quartz.getTriggerName(), quartz.getGroupName()));
                context.removeEndpoint(quartz);
            }
        }
        endpoints.clear();
        super.doStop();
    }
}
