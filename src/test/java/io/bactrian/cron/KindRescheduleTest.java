package io.bactrian.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.bactrian.monitor.Monitor;
import io.bactrian.monitor.MonitorCatalog;
import io.bactrian.testing.Await;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * A kind's route on real Quartz while its monitor list changes: one trigger per distinct cron,
 * and a change replaces only the trigger of the cron it touches; the others keep theirs (the
 * same trigger, scheduled when it was), and a fire runs the monitors' current versions.
 */
class KindRescheduleTest {
    private static final String NOON = "0 0 12 * * ? *";
    private static final String ONE = "0 0 13 * * ? *";
    private static final String TWO = "0 0 14 * * ? *";

    private static Monitor http(String id, String cron, String url) {
        return new Monitor(id, "http", "monitors/a.yaml", Map.of("cron", cron, "url", url, "time-zone", "UTC"));
    }

    /** Each trigger of the kind schedules, by the cron in its name, with the time it was scheduled. */
    private static Map<String, Date> triggers(Scheduler scheduler) throws Exception {
        Map<String, Date> triggers = new TreeMap<>();
        for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(Timetable.GROUP))) {
            Trigger trigger = scheduler.getTrigger(key);
            triggers.put(key.getName().split("\\|")[1], trigger.getStartTime());
        }
        return triggers;
    }

    @Test
    void aChangeReplacesOnlyTheTriggerOfItsCron() throws Exception {
        MonitorCatalog catalog = new MonitorCatalog();
        catalog.replace(List.of(http("alpha", NOON, "http://127.0.0.1:9/a"), http("beta", ONE, "http://127.0.0.1:9/b"),
                http("gamma", NOON, "http://127.0.0.1:9/c")));
        List<Monitor> ran = new CopyOnWriteArrayList<>();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("monitorCatalog", catalog);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("schedule:http").routeId("http-monitors").process(e -> ran.add(Monitor.of(e)));
                }
            });
            context.start();
            Scheduler scheduler = context.getComponent("quartz", QuartzComponent.class).getScheduler();
            Map<String, Date> before = triggers(scheduler);
            assertEquals(List.of(NOON, ONE), List.copyOf(before.keySet()), "one trigger per distinct cron");
            Thread.sleep(20); // a trigger scheduled again would start later

            // beta moves to another cron, gamma to another url
            catalog.replace(List.of(http("alpha", NOON, "http://127.0.0.1:9/a"), http("beta", TWO, "http://127.0.0.1:9/b"),
                    http("gamma", NOON, "http://127.0.0.1:9/c2")));
            Map<String, Date> after = triggers(scheduler);
            assertEquals(List.of(NOON, TWO), List.copyOf(after.keySet()), "beta's old cron has no trigger left");
            assertEquals(before.get(NOON), after.get(NOON), "the noon trigger was kept, not scheduled again");

            // a fire of the noon trigger runs alpha and the new gamma
            TriggerKey noon = scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(Timetable.GROUP)).stream()
                    .filter(k -> k.getName().contains(NOON)).findFirst().orElseThrow();
            JobKey job = scheduler.getTrigger(noon).getJobKey();
            scheduler.triggerJob(job);
            Await.until("the noon fire", 10_000, () -> ran.size() == 2);
            Map<String, String> urls = new TreeMap<>();
            ran.forEach(m -> urls.put(m.id(), m.setting("url")));
            assertEquals(Map.of("alpha", "http://127.0.0.1:9/a", "gamma", "http://127.0.0.1:9/c2"), urls);

            // removing both noon monitors removes their trigger; beta's stays as it was
            catalog.replace(List.of(http("beta", TWO, "http://127.0.0.1:9/b")));
            Map<String, Date> last = triggers(scheduler);
            assertEquals(List.of(TWO), List.copyOf(last.keySet()));
            assertEquals(after.get(TWO), last.get(TWO));
            assertNotNull(scheduler.getJobDetail(scheduler.getTrigger(scheduler.getTriggerKeys(
                    GroupMatcher.triggerGroupEquals(Timetable.GROUP)).iterator().next()).getJobKey()));
            assertTrue(scheduler.getJobDetail(job) == null, "the noon job went with its trigger");
        }
    }
}
