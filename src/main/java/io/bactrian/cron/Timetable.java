package io.bactrian.cron;

import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedules of one Camel context, by name, on Quartz: one Quartz trigger per translated
 * expression of a schedule (two when an expression restricts both day and weekday; a moment both
 * match fires once, from the first). The job finds the schedule here by name. With replicas the
 * triggers live in the shared database, and an instance runs a fire time only once it has claimed
 * it ({@link FireClaims}).
 */
final class Timetable {
    private static final Logger LOG = LoggerFactory.getLogger(Timetable.class);
    static final String GROUP = "bactrian";

    /** What runs at a fire time. */
    interface Fired {
        void fire(Date scheduledFireTime, Date fireTime);
    }

    private record Entry(List<CronExpression> crons, Fired fired) {
    }

    private final CamelContext context;
    private final ScheduleComponent component;
    private final String key;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    Timetable(CamelContext context, ScheduleComponent component) throws SchedulerException {
        this.context = context;
        this.component = component;
        this.key = "bactrian.timetable." + context.getName();
        scheduler().getContext().put(key, this);
    }

    private Scheduler scheduler() {
        return context.getComponent("quartz", QuartzComponent.class).getScheduler();
    }

    /** Schedules {@code name}; a schedule of that name already kept in a shared database is kept when unchanged. */
    void add(String name, CronSchedule schedule, ZoneId zone, Fired fired) throws Exception {
        List<String> expressions = schedule.quartzExpressions();
        entries.put(name, new Entry(schedule.quartzCrons(zone), fired));
        boolean clustered = component.clustered();
        Scheduler scheduler = scheduler();
        // a second trigger left from an earlier day-or-weekday expression would fire its old cron
        for (int i = expressions.size(); scheduler.checkExists(JobKey.jobKey(name + "-" + i, GROUP)); i++) {
            scheduler.deleteJob(JobKey.jobKey(name + "-" + i, GROUP));
        }
        for (int i = 0; i < expressions.size(); i++) {
            String triggerName = name + (i == 0 ? "" : "-" + i);
            JobKey jobKey = JobKey.jobKey(triggerName, GROUP);
            if (clustered) {
                JobDetail kept = scheduler.getJobDetail(jobKey);
                if (unchanged(kept, expressions.get(i), zone)) {
                    continue; // another instance, or this one before a restart, scheduled it: keep its next fire
                }
                if (kept != null) {
                    scheduler.deleteJob(jobKey);
                }
            }
            JobDetail job = JobBuilder.newJob(FireJob.class).withIdentity(jobKey)
                    .usingJobData(FireJob.TIMETABLE, key).usingJobData(FireJob.NAME, name)
                    .usingJobData(FireJob.TRIGGER, i).usingJobData(FireJob.CRON, expressions.get(i))
                    .usingJobData(FireJob.ZONE, zone.getId()).build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(triggerName, GROUP).forJob(job)
                    .withSchedule(CronScheduleBuilder.cronSchedule(expressions.get(i))
                            .inTimeZone(TimeZone.getTimeZone(zone))).build();
            try {
                scheduler.scheduleJob(job, java.util.Set.of(trigger), !clustered);
            } catch (ObjectAlreadyExistsException e) {
                LOG.debug("{} was scheduled by another instance meanwhile", triggerName);
            }
        }
    }

    /** A job kept from an earlier cron, zone or version has to go; Quartz would keep its old trigger. */
    private static boolean unchanged(JobDetail job, String cron, ZoneId zone) {
        if (job == null) {
            return false;
        }
        JobDataMap data = job.getJobDataMap();
        return job.getJobClass() == FireJob.class && cron.equals(data.getString(FireJob.CRON))
                && zone.getId().equals(data.getString(FireJob.ZONE));
    }

    /**
     * Stops running {@code name} here; with {@code everywhere} its triggers also leave a shared
     * database (the schedule was removed or changed, not the instance stopped).
     */
    void remove(String name, boolean everywhere) throws Exception {
        Entry entry = entries.remove(name);
        if (entry == null) {
            return;
        }
        if (everywhere || !component.clustered()) {
            for (int i = 0; i < entry.crons().size(); i++) {
                scheduler().deleteJob(JobKey.jobKey(name + (i == 0 ? "" : "-" + i), GROUP));
            }
        }
    }

    void fire(String name, int trigger, Date scheduledFireTime, Date fireTime) {
        Entry entry = entries.get(name);
        if (entry == null) {
            LOG.debug("{} fired but is not scheduled here", name);
            return;
        }
        if (scheduledFireTime != null) {
            for (int earlier = 0; earlier < trigger; earlier++) {
                if (entry.crons().get(earlier).isSatisfiedBy(scheduledFireTime)) {
                    return; // an earlier trigger fires this moment
                }
            }
            try {
                if (component.clustered() && !component.claims().claim(name, scheduledFireTime.getTime(),
                        scheduler().getSchedulerInstanceId())) {
                    return; // another instance ran it
                }
            } catch (Exception e) {
                LOG.warn("{}: fire time {} not claimed ({}); running it", name, scheduledFireTime, e.getMessage());
            }
        }
        entry.fired().fire(scheduledFireTime, fireTime);
    }
}
