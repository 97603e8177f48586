package io.bactrian.cron;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.bactrian.monitor.Monitor;
import io.bactrian.store.Database;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code schedule:<label>?cron=<SCF, FC or crontab expression>&timeZone=Asia/Shanghai}: a
 * Quartz timer that takes the expressions users paste from serverless platforms; and
 * {@code schedule:<kind>}, the timer of every monitor of a kind in the monitor lists.
 */
@Component("schedule")
public class ScheduleComponent extends DefaultComponent {
    private Boolean clustered;
    private FireClaims claims;
    private Timetable timetable;
    private ExecutorService checks;
    @Metadata(label = "advanced", autowired = false,
              description = "One-shot mode (once, function): the schedules fire when this says; unset, they run on their crons")
    private FireOnce fireOnce;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ScheduleEndpoint endpoint = new ScheduleEndpoint(uri, this, remaining);
        if (!parameters.containsKey("cron")) {
            // a kind's route: what it sets are defaults for its monitors (failureThreshold: 1)
            Map<String, String> defaults = new LinkedHashMap<>();
            parameters.forEach((name, value) -> defaults.put(Monitor.kebabCase(name), String.valueOf(value)));
            parameters.clear();
            endpoint.setDefaults(defaults);
        }
        setProperties(endpoint, parameters);
        CronSchedule schedule = endpoint.schedule(); // a bad expression or zone fails the route at start-up
        if (schedule != null) {
            endpoint.zone(schedule);
        }
        return endpoint;
    }

    /** One-shot mode ({@code once}, {@code function}): the schedules fire when this says; null runs them on their crons. */
    public void setFireOnce(FireOnce fireOnce) {
        this.fireOnce = fireOnce;
    }

    public FireOnce getFireOnce() {
        return fireOnce;
    }

    /**
     * Whether the schedules are shared with other instances through the database
     * ({@code cluster.enabled}); the first schedule that asks sets Quartz up for it.
     */
    synchronized boolean clustered() throws Exception {
        if (clustered == null) {
            boolean on = Boolean.parseBoolean(getCamelContext().resolvePropertyPlaceholders("{{cluster.enabled:false}}").trim());
            if (on) {
                QuartzCluster.install(getCamelContext());
                claims = new FireClaims(Database.of(getCamelContext()));
            }
            clustered = on;
        }
        return clustered;
    }

    /** Where the instances claim each fire time before running it; only when {@link #clustered()}. */
    synchronized FireClaims claims() {
        return claims;
    }

    /** The schedules of this context; made once clustering is decided, so Quartz is set up for it first. */
    synchronized Timetable timetable() throws Exception {
        if (timetable == null) {
            clustered();
            timetable = new Timetable(getCamelContext(), this);
        }
        return timetable;
    }

    /**
     * The threads the kinds' monitors are checked on ({@code monitors.max-concurrent-checks}): a
     * fire of many monitors hands them over and returns, so the timer is never held up by a slow
     * target; fires beyond the threads wait their turn.
     */
    synchronized ExecutorService checks() {
        if (checks == null) {
            int threads = Integer.parseInt(
                    getCamelContext().resolvePropertyPlaceholders("{{monitors.max-concurrent-checks:100}}").strip());
            ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> getCamelContext().getExecutorServiceManager().newThread("checks", r));
            pool.allowCoreThreadTimeOut(true); // idle between fires: the threads go
            checks = pool;
        }
        return checks;
    }

    /** With replicas, a kind's monitors of one cron are split into this many schedules ({@code cluster.shards}). */
    int shards() throws Exception {
        return clustered() ? Integer.parseInt(getCamelContext().resolvePropertyPlaceholders("{{cluster.shards:3}}").strip()) : 1;
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (checks != null) {
            // the routes have stopped: queued checks return at once, those in flight finish
            checks.shutdown();
            if (!checks.awaitTermination(10, TimeUnit.SECONDS)) {
                checks.shutdownNow();
            }
            checks = null;
        }
        if (claims != null) {
            claims.close();
        }
        super.doStop();
    }
}
