package io.bactrian.cron;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * The Quartz job of every schedule: finds its entry in the {@link Timetable} by name, so a fire
 * costs a map lookup however many schedules there are. One at a time per trigger: a run still
 * going delays the next fire instead of piling up.
 */
@DisallowConcurrentExecution
public class FireJob implements Job {
    static final String TIMETABLE = "timetable";
    static final String NAME = "name";
    static final String TRIGGER = "trigger";
    static final String CRON = "cron";
    static final String ZONE = "zone";

    @Override
    public void execute(JobExecutionContext job) throws JobExecutionException {
        JobDataMap data = job.getMergedJobDataMap();
        Timetable timetable;
        try {
            timetable = (Timetable) job.getScheduler().getContext().get(data.getString(TIMETABLE));
        } catch (SchedulerException e) {
            throw new JobExecutionException(e);
        }
        if (timetable != null) { // null: a schedule of an instance that is still starting
            timetable.fire(data.getString(NAME), data.getInt(TRIGGER), job.getScheduledFireTime(), job.getFireTime());
        }
    }
}
