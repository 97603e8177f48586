package io.bactrian.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import io.bactrian.testing.Await;
import io.bactrian.testing.Postgres;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * {@code schedule:} on the clustered job store of a real PostgreSQL: the schedule lives in the
 * database, follows a changed cron across a restart, and leaves with its route.
 */
class ClusteredScheduleTest {

    private static DefaultCamelContext instance(String database) {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setName("monitor"); // one cluster: the same name on every start
        Properties p = new Properties();
        p.setProperty("cluster.enabled", "true");
        p.setProperty("cluster.checkin-interval", "1000");
        p.setProperty("history.jdbc-url", database);
        p.setProperty("history.jdbc-user", "postgres");
        context.getPropertiesComponent().setInitialProperties(p);
        return context;
    }

    private static RouteBuilder monitor(String cron, List<String> fires) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("schedule:shop?cron=" + cron).routeId("shop").process(e -> fires.add(cron));
            }
        };
    }

    private static List<String> query(String database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(database, "postgres", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new CopyOnWriteArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }

    @Test
    void theScheduleFollowsACronChangedOverARestartAndLeavesWithItsRoute() throws Exception {
        String database = Postgres.newDatabase();
        String triggers = "SELECT c.cron_expression FROM qrtz_cron_triggers c JOIN qrtz_triggers t"
                + " ON c.sched_name = t.sched_name AND c.trigger_name = t.trigger_name WHERE t.trigger_name = 'shop'";
        List<String> fires = new CopyOnWriteArrayList<>();
        try (DefaultCamelContext first = instance(database)) {
            first.addRoutes(monitor("* * * * * ? *", fires));
            first.start();
            Await.until("fires every second", 60_000, () -> fires.size() >= 2);
        }
        // the instance stopped, not the monitor removed: the schedule stays for the others
        assertEquals(CronTranslator.translate("* * * * * ? *").quartzExpressions(), query(database, triggers));

        fires.clear();
        String everyTwo = "*/2 * * * * ? *";
        try (DefaultCamelContext second = instance(database)) {
            second.addRoutes(monitor(everyTwo, fires));
            second.start();
            // Camel alone would keep the old job, whose endpoint no instance has: nothing would fire
            Await.until("fires on the changed cron", 60_000, () -> fires.size() >= 2);
            assertEquals(CronTranslator.translate(everyTwo).quartzExpressions(), query(database, triggers));

            second.getRouteController().stopRoute("shop");
            second.removeRoute("shop");
            assertEquals(List.of(), query(database, "SELECT job_name FROM qrtz_job_details"),
                    "a removed monitor leaves the shared schedule");
        }
    }
}
