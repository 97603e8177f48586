import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import io.camelmonitor.history.Database;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * One member of a Quartz cluster with the project's own job store settings (those of
 * {@code io.camelmonitor.cron.QuartzCluster}, overridden by any {@code -Dorg.quartz.*}
 * property), which writes a line per fire: trigger, scheduled fire time, actual fire time
 * (epoch ms) and the monitors the fire stands for.
 *
 * <p>Usage: {@code java -cp camel-monitor.jar QuartzFires.java JDBC_URL OUT_FILE [SCHEDULE]};
 * SCHEDULE is {@code monitors:N} (one trigger per monitor, the cron seconds spread evenly over
 * the minute) or {@code shards:CRONS:SHARDS:MONITORS} (one trigger per (cron, shard), CRONS
 * distinct cron seconds, each fire standing for MONITORS / (CRONS * SHARDS) monitors). The
 * member given SCHEDULE creates the tables and (re)places the triggers before it starts; the
 * others only fire. It runs until killed.
 */
public class QuartzFires {
    static FileOutputStream out;

    public static void main(String[] args) throws Exception {
        Database database = new Database(args[0], "postgres", "");
        out = new FileOutputStream(args[1], true);
        // Quartz loads the job class by name through the context class loader: the one that
        // holds this program, not the jar's
        Thread.currentThread().setContextClassLoader(QuartzFires.class.getClassLoader());
        Class<?> cluster = Class.forName("io.camelmonitor.cron.QuartzCluster");
        Properties props = (Properties) call(cluster, "properties", database,
                Long.getLong("checkin", 5000));
        props.setProperty("org.quartz.scheduler.instanceName", "bench");
        props.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("org.quartz."))
                .forEach(k -> props.setProperty(k, System.getProperty(k)));
        // as the project does: a connection per worker thread and three more
        props.setProperty("org.quartz.dataSource.monitor.maxConnections",
                String.valueOf(Integer.parseInt(props.getProperty("org.quartz.threadPool.threadCount")) + 3));
        if (args.length > 2) {
            call(cluster, "createTables", database);
        }
        StdSchedulerFactory factory = new StdSchedulerFactory();
        factory.initialize(props);
        Scheduler scheduler = factory.getScheduler();
        if (args.length > 2) {
            long t = System.currentTimeMillis();
            Map<JobDetail, Set<? extends Trigger>> jobs = schedule(args[2]);
            scheduler.clear();
            scheduler.scheduleJobs(jobs, true);
            writeTriggers(jobs, args[1] + ".triggers");
            System.out.printf("scheduled %d triggers in %d ms%n", jobs.size(), System.currentTimeMillis() - t);
        }
        scheduler.start();
        System.out.println("started " + scheduler.getMetaData().getSchedulerInstanceId() + " " + props);
        Thread.currentThread().join();
    }

    /** A line per trigger: its name and cron second, from which the fire times due are known. */
    private static void writeTriggers(Map<JobDetail, Set<? extends Trigger>> jobs, String file) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (Set<? extends Trigger> triggers : jobs.values()) {
            for (Trigger t : triggers) {
                lines.append(t.getKey().getName()).append(' ')
                        .append(((CronTrigger) t).getCronExpression().split(" ")[0]).append('\n');
            }
        }
        Files.writeString(Path.of(file), lines);
    }

    private static Object call(Class<?> type, String name, Object... args) throws Exception {
        for (Method m : type.getDeclaredMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                m.setAccessible(true);
                return m.invoke(null, args);
            }
        }
        throw new NoSuchMethodException(name);
    }

    /** The jobs and their one trigger each, as Camel's quartz component makes them: a job per trigger. */
    static Map<JobDetail, Set<? extends Trigger>> schedule(String spec) {
        String[] s = spec.split(":");
        Map<JobDetail, Set<? extends Trigger>> jobs = new LinkedHashMap<>();
        if (s[0].equals("monitors")) {
            int n = Integer.parseInt(s[1]);
            for (int i = 0; i < n; i++) {
                add(jobs, "m" + i, (int) ((long) i * 60 / n), 1);
            }
        } else {
            int crons = Integer.parseInt(s[1]);
            int shards = Integer.parseInt(s[2]);
            int monitors = Integer.parseInt(s[3]);
            int triggers = crons * shards;
            for (int i = 0; i < triggers; i++) {
                // monitor m is in trigger m % triggers: the first (monitors % triggers) triggers hold one more
                int fanOut = monitors / triggers + (i < monitors % triggers ? 1 : 0);
                add(jobs, "c" + (i % crons) + "s" + (i / crons), (i % crons) * 60 / crons, fanOut);
            }
        }
        return jobs;
    }

    private static void add(Map<JobDetail, Set<? extends Trigger>> jobs, String name, int second, int fanOut) {
        JobDetail job = JobBuilder.newJob(Fire.class).withIdentity(name).usingJobData("fanOut", fanOut).build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(name)
                .withSchedule(CronScheduleBuilder.cronSchedule(second + " * * * * ?")).build();
        jobs.put(job, Set.of(trigger));
    }

    /** Writes the fire's line unbuffered, so that a member killed with -9 loses none it ran. */
    public static class Fire implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            long now = System.currentTimeMillis();
            // the fan-out to the fire's monitors is only counted here, nothing is probed
            int monitors = context.getMergedJobDataMap().getInt("fanOut");
            byte[] line = (context.getTrigger().getKey().getName() + " " + context.getScheduledFireTime().getTime()
                    + " " + now + " " + monitors + "\n").getBytes(StandardCharsets.US_ASCII);
            synchronized (QuartzFires.class) {
                try {
                    out.write(line);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
