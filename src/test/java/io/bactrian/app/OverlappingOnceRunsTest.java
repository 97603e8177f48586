package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.bactrian.testing.MariaDbServer;
import io.bactrian.testing.MonitorListProject;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.MonitorProcess.Result;
import io.bactrian.testing.Postgres;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A slow {@code once} run and the next trigger's run at the same time, in one folder as a timer
 * on one machine starts them, with a monitor that is down and a slow one that keeps both runs
 * going while the DOWN is delivered: the webhook receiver gets the DOWN once, over a shared
 * PostgreSQL, a shared MariaDB and the H2 file alike.
 */
class OverlappingOnceRunsTest {
    @TempDir
    Path dir;

    /** The webhook receiver: it answers the first alert once a second came, or after 10 s. */
    private final CountDownLatch second = new CountDownLatch(2);
    private final CountDownLatch answered = new CountDownLatch(1);

    private TestServer receiver() throws Exception {
        return TestServer.http((request, out) -> {
            second.countDown();
            second.await(10, TimeUnit.SECONDS);
            TestServer.respond(out, 200, "ok", "Connection: close");
            answered.countDown();
        });
    }

    /**
     * The target: {@code /shop} answers 503 once both runs check it (at most {@code together} s
     * later), {@code /slow} answers 200 once the first alert was answered.
     */
    private TestServer target(long together) throws Exception {
        CountDownLatch both = new CountDownLatch(2);
        return TestServer.http((req, out) -> {
            if (req.target().equals("/shop")) {
                both.countDown();
                both.await(together, TimeUnit.SECONDS);
                TestServer.respond(out, 503, "busy");
            } else {
                answered.await(60, TimeUnit.SECONDS); // both runs stay while the DOWN goes out
                TestServer.respond(out, 200, "ok");
            }
        });
    }

    private void project(TestServer target, TestServer hook) throws Exception {
        MonitorListProject.create(dir, MonitorProcess.freePort());
        MonitorListProject.write(dir, "shops.yaml", MonitorListProject.everySecond(
                List.of("failure-threshold: 1", "success-threshold: 1", "timeout: 60000"),
                "shop", target.url("/shop"), "slow", target.url("/slow")));
        MonitorProcess.setProperty(dir, "alert.channels", "webhook");
        MonitorProcess.setProperty(dir, "channel.webhook.url", hook.url("/hook"));
        MonitorProcess.setProperty(dir, "channel.poll-delay", "100");
        MonitorProcess.setProperty(dir, "channel.timeout", "60s");
    }

    private MonitorProcess once() throws Exception {
        return MonitorProcess.start(dir, List.of("-Dcamel.server.port=" + MonitorProcess.freePort()), "once",
                "--timeout", "120");
    }

    /** Starts two runs at once and waits for both. */
    private List<Result> twoRuns() throws Exception {
        try (MonitorProcess first = once(); MonitorProcess second = once()) {
            return List.of(first.await(Duration.ofSeconds(300)), second.await(Duration.ofSeconds(300)));
        }
    }

    private static void assertOneDown(TestServer target, TestServer hook, List<Result> runs) {
        for (Result run : runs) {
            assertEquals(1, run.exitCode(), run.toString());
            assertTrue(run.out().matches("(?s).*shop +DOWN +HTTP 503.*"), run.toString());
        }
        assertEquals(2, target.requests().stream().filter(r -> r.target().equals("/shop")).count(), "each run checked");
        assertEquals(1, hook.requests().size(), "one DOWN: " + runs);
    }

    @Test
    void twoRunsOverOnePostgresSendTheDownOnce() throws Exception {
        try (TestServer target = target(120); TestServer hook = receiver()) {
            project(target, hook);
            MonitorProcess.setProperty(dir, "history.jdbc-url", Postgres.newDatabase());
            MonitorProcess.setProperty(dir, "history.jdbc-user", "postgres");
            assertOneDown(target, hook, twoRuns());
        }
    }

    /**
     * Over MariaDB (MySQL's dialect) as well, and what the runs leave there: the checks in the
     * history, the DOWN sent once from the queue, and the alert state that a third run reads:
     * it sends no second DOWN.
     */
    @Test
    void twoRunsOverOneMariaDbSendTheDownOnceAndKeepTheState(@TempDir Path dbDir) throws Exception {
        try (MariaDbServer db = MariaDbServer.start(dbDir); TestServer target = target(120); TestServer hook = receiver()) {
            project(target, hook);
            MonitorProcess.setProperty(dir, "history.jdbc-url", db.jdbcUrl("test"));
            MonitorProcess.setProperty(dir, "history.jdbc-user", "admin");
            MonitorProcess.setProperty(dir, "history.jdbc-password", MariaDbServer.ADMIN_PASSWORD);
            assertOneDown(target, hook, twoRuns());
            Result third;
            try (MonitorProcess run = once()) {
                third = run.await(Duration.ofSeconds(300));
            }
            assertTrue(third.out().matches("(?s).*shop +DOWN +HTTP 503.*"), third.toString());
            assertEquals(1, hook.requests().size(), "still one DOWN after a third run: " + third);
            try (Connection c = db.admin(); Statement s = c.createStatement()) {
                assertEquals(3, count(s, "SELECT COUNT(*) FROM cm_check WHERE monitor = 'shop' AND NOT up"));
                assertEquals(1, count(s, "SELECT COUNT(*) FROM cm_outbox WHERE monitor = 'shop' AND state = 'sent'"));
            }
        }
    }

    private static long count(Statement s, String query) throws Exception {
        try (ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void twoRunsOverOneH2FileSendTheDownOnce() throws Exception {
        try (TestServer target = target(5); TestServer hook = receiver()) {
            project(target, hook);
            List<Result> runs = twoRuns();
            assertOneDown(target, hook, runs);
            assertEquals(1, runs.stream().filter(r -> r.out().contains("is in use by another run; this run waits for it"
                    + " to end")).count(), "the later run waited for the earlier: " + runs);
        }
    }
}
