package io.bactrian.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import java.util.TimeZone;
import java.util.HashSet;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.bactrian.monitor.Monitor;
import io.bactrian.monitor.MonitorCatalog;
import io.bactrian.testing.Await;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;

/** The {@code schedule:} step on real Quartz: which zone a monitor's triggers run in, and the OR rule. */
class ScheduleComponentTest {

    private static DefaultCamelContext context(String globalZone) {
        DefaultCamelContext context = new DefaultCamelContext();
        Properties p = new Properties();
        p.setProperty("bactrian.time-zone", globalZone);
        context.getPropertiesComponent().setInitialProperties(p);
        return context;
    }

    private static TimeZone zoneOf(DefaultCamelContext context, String route) throws Exception {
        Scheduler scheduler = context.getComponent("quartz", QuartzComponent.class).getScheduler();
        return ((CronTrigger) scheduler.getTrigger(TriggerKey.triggerKey(route, "bactrian"))).getTimeZone();
    }

    @Test
    void zonePerMonitorThenGlobalAndCronTzWins() throws Exception {
        try (DefaultCamelContext context = context("Asia/Tokyo")) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("schedule:a?cron=0 0 12 * * ? *").routeId("global").to("log:x");
                    from("schedule:b?cron=0 0 12 * * ? *&timeZone=Europe/Paris").routeId("own").to("log:x");
                    from("schedule:c?cron=CRON_TZ=Asia/Shanghai 0 0 4 1 * *&timeZone=Europe/Paris").routeId("cron-tz")
                            .to("log:x");
                }
            });
            context.start();
            assertEquals("Asia/Tokyo", zoneOf(context, "global").getID());
            assertEquals("Europe/Paris", zoneOf(context, "own").getID());
            assertEquals("Asia/Shanghai", zoneOf(context, "cron-tz").getID());
        }
    }

    @Test
    void dayOrWeekdayRunsTwoTriggersThatFireTheRouteOncePerMoment() throws Exception {
        List<Object> fires = new CopyOnWriteArrayList<>();
        try (DefaultCamelContext context = context("UTC")) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // day 1-31 OR any weekday: both triggers match every second
                    from("schedule:x?cron=* * * 1-31 * SUN-SAT *").routeId("both")
                            .process(e -> fires.add(e.getMessage().getHeader("scheduledFireTime")));
                }
            });
            context.start();
            Scheduler scheduler = context.getComponent("quartz", QuartzComponent.class).getScheduler();
            assertTrue(scheduler.checkExists(TriggerKey.triggerKey("both", "bactrian")));
            assertTrue(scheduler.checkExists(TriggerKey.triggerKey("both-1", "bactrian")));
            // a fourth moment: the third has had both its triggers
            Await.until("four moments fired", 20_000, () -> new HashSet<>(fires).size() >= 4);
        }
        assertTrue(fires.size() >= 3, "fires every second: " + fires);
        assertEquals(new HashSet<>(fires).size(), fires.size(), "each moment once, not once per trigger: " + fires);
    }

    @Test
    void badCronOrZoneFailsTheRouteWithTheFieldNamed() throws Exception {
        try (DefaultCamelContext context = context("")) {
            Exception e = assertThrows(Exception.class, () -> context.getEndpoint("schedule:x?cron=0 0 12 * * FOO *"));
            assertTrue(e.getCause().getMessage().contains("cron '0 0 12 * * FOO *': weekday field"), e.getCause().getMessage());
            e = assertThrows(Exception.class, () -> context.getEndpoint("schedule:x?cron=0 0 12 * * ? *&timeZone=Mars/Base"));
            assertTrue(e.getCause().getMessage().contains("timeZone 'Mars/Base'"), e.getCause().getMessage());
        }
    }

    /**
     * A fire of more monitors than there are check threads queues the rest: none is dropped, and
     * none is left marked as running, which would skip it from then on.
     */
    @Test
    void aFireOfMoreMonitorsThanCheckThreadsRunsEveryOne() throws Exception {
        List<Monitor> monitors = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            monitors.add(new Monitor("m" + i, "k", "monitors/k.yaml", Map.of("cron", "* * * * * ? *")));
        }
        Map<String, Integer> checks = new ConcurrentHashMap<>();
        try (DefaultCamelContext context = context("UTC")) {
            context.getPropertiesComponent().addInitialProperty("monitors.max-concurrent-checks", "2");
            MonitorCatalog catalog = new MonitorCatalog();
            catalog.replace(monitors);
            context.getRegistry().bind("monitors", catalog);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("schedule:k").process(e -> {
                        Thread.sleep(20); // the threads are busy when the rest of the fire is handed over
                        checks.merge(Monitor.idOf(e), 1, Integer::sum);
                    });
                }
            });
            context.start();
            Await.until("every monitor checked twice", 20_000, () -> monitors.stream()
                    .allMatch(m -> checks.getOrDefault(m.id(), 0) >= 2));
        }
    }
}
