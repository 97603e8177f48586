import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.bactrian.store.Database;
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
 * {@code io.bactrian.cron.QuartzCluster}, overridden by any {@code -Dorg.quartz.*}
 * property), which writes a line per fire: trigger, scheduled fire time, actual fire time
 * (epoch ms).
 *
 * <p>Usage: {@code java -cp bactrian.jar QuartzFires.java JDBC_URL OUT_FILE [SCHEDULE]};
 * SCHEDULE is {@code monitors:N} (one trigger per monitor, the cron seconds spread evenly over
 * the minute) or {@code shards:CRONS:SHARDS:MONITORS} (one trigger per (cron, shard), CRONS
 * distinct cron seconds, each fire standing for MONITORS / (CRONS * SHARDS) monitors). The
 * member given SCHEDULE creates the tables and (re)places the triggers before it starts; the
 * others only fire. It runs until killed. {@code -Dcheckin=MS} is {@code cluster.checkin-interval}
 * (5000 by default).
 */
public class QuartzFires {
    private static final int PLACERS = 8;
    static FileOutputStream out;

    public static void main(String[] args) throws Exception {
        Database database = new Database(args[0], "postgres", "");
        out = new FileOutputStream(args[1], true);
        // Quartz loads the job class by name through the context class loader: the one that
        // holds this program, not the jar's
        Thread.currentThread().setContextClassLoader(QuartzFires.class.getClassLoader());
        Class<?> cluster = Class.forName("io.bactrian.cron.QuartzCluster");
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
            place(props, args[2], args[1] + ".triggers");
        }
        Scheduler scheduler = scheduler(props);
        scheduler.start();
        System.out.println("started " + scheduler.getMetaData().getSchedulerInstanceId());
        Thread.currentThread().join();
    }

    private static Scheduler scheduler(Properties props) throws Exception {
        StdSchedulerFactory factory = new StdSchedulerFactory();
        factory.initialize(props);
        return factory.getScheduler();
    }

    /**
     * Stores the triggers through a scheduler that is never started, in chunks from several
     * threads: one after another under Quartz's insert lock, 10,000 took over two minutes here
     * (each is a few round trips to the database). Writes a line per trigger to FILE: its name,
     * cron second and monitors, from which the fire times due are known.
     */
    private static void place(Properties memberProps, String spec, String file) throws Exception {
        long t = System.currentTimeMillis();
        Properties props = new Properties();
        props.putAll(memberProps);
        props.setProperty("org.quartz.jobStore.lockOnInsert", "false");
        props.setProperty("org.quartz.dataSource.monitor.maxConnections", String.valueOf(PLACERS));
        Scheduler placer = scheduler(props);
        Map<JobDetail, Set<? extends Trigger>> jobs = schedule(spec);
        List<Map<JobDetail, Set<? extends Trigger>>> chunks = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (Map.Entry<JobDetail, Set<? extends Trigger>> e : jobs.entrySet()) {
            if (chunks.isEmpty() || chunks.get(chunks.size() - 1).size() == 500) {
                chunks.add(new LinkedHashMap<>());
            }
            chunks.get(chunks.size() - 1).put(e.getKey(), e.getValue());
            CronTrigger trigger = (CronTrigger) e.getValue().iterator().next();
            lines.append(trigger.getKey().getName()).append(' ').append(trigger.getCronExpression().split(" ")[0])
                    .append(' ').append(e.getKey().getJobDataMap().getInt("fanOut")).append('\n');
        }
        ExecutorService pool = Executors.newFixedThreadPool(PLACERS);
        for (Future<?> f : pool.invokeAll(chunks.stream().<Callable<Object>>map(c -> () -> {
            placer.scheduleJobs(c, true);
            return null;
        }).toList())) {
            f.get();
        }
        pool.shutdown();
        placer.shutdown();
        Files.writeString(Path.of(file), lines);
        System.out.printf("scheduled %d triggers in %d ms%n", jobs.size(), System.currentTimeMillis() - t);
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
            // the fan-out to the fire's monitors is only counted (from the trigger's line), nothing is probed
            byte[] line = (context.getTrigger().getKey().getName() + " " + context.getScheduledFireTime().getTime()
                    + " " + now + "\n").getBytes(StandardCharsets.US_ASCII);
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
