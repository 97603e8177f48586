package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.bactrian.history.HistoryQueries;
import io.bactrian.history.HistoryStore;
import io.bactrian.testing.Await;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.RunningMonitor;
import io.bactrian.testing.TestLog;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Editing the route folder of a running monitor: a new file starts a monitor, a broken edit is
 * reported and changes nothing, a fixed edit applies, a removed file stops its monitor; and
 * after an edit of any shipped file alerts still reach the chat and the mail server.
 */
class RouteReloadTest {
    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(
            new ServerSetup(MonitorProcess.freePortUnchecked(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @TempDir
    Path tmp;

    @Test
    void addBreakFixAndRemoveMonitorsWithoutRestart() throws Exception {
        Path routes = tmp.resolve("routes");
        try (TestServer alpha = TestServer.http((req, out) -> TestServer.respond(out, 200, "a"));
             TestServer beta = TestServer.http((req, out) -> TestServer.respond(out, 200, "b"))) {
            RunningMonitor.copyOfDemoSite(routes, "alpha");
            Map<String, String> p = RunningMonitor.quiet(tmp.resolve("data"));
            p.put("camel.main.routes-include-pattern", "file:" + routes + "/*.yaml," + RunningMonitor.alertRoutes());
            RunningMonitor.reloading(p, routes);
            p.put("demo-site.url", alpha.url("/"));
            p.put("demo-site.cron", "* * * * * ? *");
            p.put("beta.url", beta.url("/"));
            try (RunningMonitor app = RunningMonitor.start(p)) {
                Await.until("alpha probed", 5000, () -> alpha.requests().size() >= 2);

                // add a monitor
                String betaRoute = Files.readString(RunningMonitor.ROUTES.resolve("demo-site.yaml"))
                        .replace("\"demo-site\"", "\"beta\"").replace(":demo-site", ":beta")
                        .replace("{{demo-site.url}}", "{{beta.url}}");
                Files.writeString(routes.resolve("beta.yaml"), betaRoute);
                Await.until("the added monitor runs", 60000, () -> beta.requests().size() >= 2);
                // the reload is logged once its routes run, which may be after their first checks
                Await.until("the reload logged", 60000, () -> reloads(routes.resolve("beta.yaml")) >= 1);
                assertEquals(1, reloads(routes.resolve("beta.yaml")),
                        "writing the file gives several events, the routes are loaded once");

                // a broken edit: reported, both monitors keep running as they were
                String refused = "Not reloaded: " + routes.resolve("beta.yaml") + ": monitor 'beta': schedule: cron ";
                Files.writeString(routes.resolve("beta.yaml"), betaRoute.replace("{{demo-site.cron}}", "0 0 25 * * ? *"));
                Await.until("the broken edit reported", 30000, () -> logLines().stream().anyMatch(l -> l.contains(refused)));
                int a = alpha.requests().size();
                int b = beta.requests().size();
                // alpha's checks, one a second, are the clock beta is measured by
                Await.until("three more checks of alpha", 15000, () -> alpha.requests().size() >= a + 3);
                assertTrue(alpha.requests().size() > a, "alpha keeps running after a broken edit");
                assertTrue(beta.requests().size() > b, "beta keeps its last good configuration");
                String log = TestLog.text();
                assertTrue(log.contains("Not reloaded: " + routes.resolve("beta.yaml") + ": monitor 'beta': schedule: cron "
                        + "'0 0 25 * * ? *': hour field '25'"), "the broken edit is reported with file, monitor and field");

                // a good edit applies: beta now never fires
                long reloaded = reloads(routes.resolve("beta.yaml"));
                Files.writeString(routes.resolve("beta.yaml"), betaRoute.replace("{{demo-site.cron}}", "0 0 0 1 1 ? 2099"));
                Await.until("the good edit reloaded", 30000, () -> reloads(routes.resolve("beta.yaml")) > reloaded);
                int settled = alpha.requests().size();
                Await.until("a check of alpha", 15000, () -> alpha.requests().size() > settled); // beta's last check is in
                int edited = beta.requests().size();
                int ticks = alpha.requests().size();
                Await.until("three more checks of alpha", 15000, () -> alpha.requests().size() >= ticks + 3);
                assertEquals(edited, beta.requests().size(), "the edited schedule is in force");

                // remove a monitor
                Files.delete(routes.resolve("alpha.yaml"));
                Await.until("alpha's route removed", 30000, () -> app.context().getRoute("alpha") == null);
                Thread.sleep(1000); // a check already handed to the pool may still arrive
                int removed = alpha.requests().size();
                Thread.sleep(2500); // the point is that nothing comes: alpha was checked every second
                assertEquals(removed, alpha.requests().size(), "the removed monitor stopped");
                assertTrue(app.context().getRoute("alpha") == null && app.context().getRoute("beta") != null);
            }
        }
    }

    /**
     * The shipped route folder and monitor lists, running with the demo site (a route of its own)
     * and a monitor 'shop' of the kind route http-monitors against a target the test turns down
     * and up, alerts going to a webhook ({@code alert.channels}, through {@code direct:notify})
     * and by mail: each file is edited in turn, and after each reload the next DOWN or RESOLVED of
     * both reaches both receivers, once, within seconds; every monitor keeps checking.
     */
    @Test
    void alertsGoOutAfterAnEditOfEachShippedRouteFile() throws Exception {
        Path routes = tmp.resolve("routes");
        Files.createDirectories(routes);
        List<Path> shipped;
        try (Stream<Path> files = Files.list(RunningMonitor.ROUTES)) {
            shipped = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path file : shipped) {
            Files.copy(file, routes.resolve(file.getFileName()));
        }
        Path monitors = Files.createDirectories(tmp.resolve("monitors"));
        Files.copy(MonitorProcess.MONITORS.resolve("demo.yaml"), monitors.resolve("demo.yaml"));
        Files.writeString(monitors.resolve("shop.yaml"), """
                monitors:
                  - id: shop
                    kind: http
                    url: "{{demo-site.url}}"
                    cron: "* * * * * ? *"
                    failure-threshold: 1
                    success-threshold: 1
                """);
        int logStart = logLines().size();
        AtomicInteger status = new AtomicInteger(200);
        try (TestServer site = TestServer.http((req, out) -> TestServer.respond(out, status.get(), "site"));
             TestServer port = TestServer.answering(200, "open");
             TestServer hook = TestServer.answering(200, "ok")) {
            Map<String, String> p = RunningMonitor.quiet(tmp.resolve("data"));
            p.put("camel.main.routes-include-pattern", "file:" + routes + "/*.yaml");
            RunningMonitor.reloading(p, routes);
            RunningMonitor.monitorLists(p, monitors);
            p.put("camel.server.enabled", "true"); // the demo target and the status page
            p.put("camel.server.port", String.valueOf(MonitorProcess.freePort()));
            p.put("mail.port", String.valueOf(mail.getSmtp().getPort()));
            RunningMonitor.webhookChannel(p, hook.url("/hook"));
            RunningMonitor.checkEverySecond(p, site.url("/"), 1);
            p.put("speed-demo.cron", "*/2 * * * * ? *");
            p.put("tcp-port.host", "127.0.0.1");
            p.put("tcp-port.port", String.valueOf(port.port()));
            p.put("tcp-port.cron", "* * * * * ? *");
            try (RunningMonitor app = RunningMonitor.start(p)) {
                HistoryQueries history = app.context().getRegistry().lookupByNameAndType("history", HistoryStore.class)
                        .queries();
                int alerts = 0;
                flipAndAwaitAlert(status, hook, ++alerts, "before any edit");
                long lastReload = 0;
                for (Path file : shipped) {
                    Path copy = routes.resolve(file.getFileName());
                    long reloads = reloads(copy);
                    Files.writeString(copy, "# edited while running\n" + Files.readString(copy));
                    Await.until(copy + " reloaded", 60000, () -> reloads(copy) > reloads);
                    lastReload = System.currentTimeMillis();
                    flipAndAwaitAlert(status, hook, ++alerts, "after " + file.getFileName() + " was edited");
                }
                long after = lastReload;
                for (String monitor : List.of("demo-site", "shop", "demo-health", "speed-demo", "tcp-port")) {
                    Await.until(monitor + " checking after the last reload", 15000,
                            () -> history.latest().containsKey(monitor) && history.latest().get(monitor).atMs() > after);
                }
            }
        }
        String log = String.join("\n", logLinesFrom(logStart));
        assertFalse(log.contains("No consumers available"), "every alert found its sink");
        assertFalse(log.contains("Error processing scheduled run"), "no check was cut short by a reload");
        assertFalse(log.matches("(?s).*queued for \\S+ directly.*"), "every alert went through its kamelet: " + log.lines()
                .filter(l -> l.matches(".*queued for \\S+ directly.*")).toList());
    }

    /**
     * A check whose probe is still waiting for the target when the routes reload is finished,
     * recorded and alerted: the only failing answer of the test comes after the reload began.
     */
    @Test
    void aCheckInProgressWhenTheRoutesReloadFinishes() throws Exception {
        Path routes = tmp.resolve("routes");
        java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean slowFailure = new java.util.concurrent.atomic.AtomicBoolean();
        try (TestServer site = TestServer.http((req, out) -> {
            if (slowFailure.getAndSet(false)) {
                asked.countDown();
                answer.await();
                TestServer.respond(out, 500, "down");
            } else {
                TestServer.respond(out, 200, "up");
            }
        })) {
            RunningMonitor.copyOfDemoSite(routes, "demo-site");
            Map<String, String> p = RunningMonitor.quiet(tmp.resolve("data"));
            p.put("camel.main.routes-include-pattern", "file:" + routes + "/*.yaml," + RunningMonitor.alertRoutes());
            RunningMonitor.reloading(p, routes);
            p.put("mail.port", String.valueOf(mail.getSmtp().getPort()));
            RunningMonitor.checkEverySecond(p, site.url("/"), 1);
            p.put("demo-site.timeout", "60000");
            try (RunningMonitor app = RunningMonitor.start(p)) {
                Await.until("the site probed", 10000, () -> site.requests().size() >= 1);
                int logStart = logLines().size();
                slowFailure.set(true);
                assertTrue(asked.await(10, java.util.concurrent.TimeUnit.SECONDS), "a probe waits for the site");
                Path file = routes.resolve("demo-site.yaml");
                Files.writeString(file, "# edited while a check runs\n" + Files.readString(file));
                Await.until("the reload waiting for the check", 60000, () -> logLinesFrom(logStart)
                        .stream().anyMatch(l -> l.contains("Waiting as there are still 1 inflight")));
                answer.countDown();
                Await.until("the DOWN of the check in progress", 20000, () -> mails("demo-site").size() >= 1);
                assertTrue(mails("demo-site").get(0).startsWith("[DOWN] demo-site: HTTP 500"), mails("demo-site").toString());
                Await.until("the reload done", 20000, () -> reloads(file) >= 1);
                assertFalse(String.join("\n", logLinesFrom(logStart))
                        .contains("Error processing scheduled run"), "the check ran to its end");
            }
        }
    }

    /**
     * Turns the site down when it is up and up when it is down, and waits for the alerts that
     * follow, the {@code n}-th of the route demo-site and of the monitor shop, at the webhook and
     * at the mail server, each once.
     */
    private static void flipAndAwaitAlert(AtomicInteger status, TestServer hook, int n, String when)
            throws InterruptedException {
        boolean down = status.get() == 200;
        status.set(down ? 500 : 200);
        String kind = down ? "DOWN" : "RESOLVED";
        for (String monitor : List.of("demo-site", "shop")) {
            Await.until(kind + " of " + monitor + " at the webhook " + when, 20000, () -> hooks(hook, monitor).size() >= n);
            Await.until(kind + " mail of " + monitor + " " + when, 20000, () -> mails(monitor).size() >= n);
            List<TestServer.Request> hooks = hooks(hook, monitor);
            assertEquals(n, hooks.size(), "one request per alert of " + monitor + " " + when);
            assertTrue(hooks.get(n - 1).body().contains("\"status\":\"" + (down ? "firing" : "resolved") + "\""),
                    kind + " of " + monitor + " " + when + ": " + hooks.get(n - 1).body());
            List<String> mails = mails(monitor);
            assertEquals(n, mails.size(), "one mail per alert of " + monitor + " " + when + ": " + mails);
            assertTrue(mails.get(n - 1).startsWith("[" + kind + "] " + monitor), mails + " " + when);
        }
    }

    private static List<TestServer.Request> hooks(TestServer hook, String monitor) {
        return hook.requests().stream().filter(r -> r.body().contains("\"monitor\":\"" + monitor + "\"")).toList();
    }

    private static List<String> mails(String monitor) {
        return java.util.Arrays.stream(mail.getReceivedMessages()).map(RunningMonitor::subject)
                .filter(s -> s.contains("] " + monitor)).toList();
    }

    /** How often the reload of the routes after a change of {@code file} was logged. */
    private static long reloads(Path file) {
        return logLines().stream().filter(l -> l.contains(file + " changed: ")).count();
    }

    /** The log's lines from line {@code start} on, read once: the file grows while it is read. */
    private static List<String> logLinesFrom(int start) {
        List<String> lines = logLines();
        return lines.subList(Math.min(start, lines.size()), lines.size());
    }

    private static List<String> logLines() {
        return TestLog.lines();
    }
}
