package io.camelmonitor.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.camelmonitor.testing.Await;
import io.camelmonitor.testing.RunningMonitor;
import io.camelmonitor.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Editing the route folder of a running monitor: a new file starts a monitor, a broken edit is
 * reported and changes nothing, a fixed edit applies, a removed file stops its monitor.
 */
class RouteReloadTest {
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
            p.put("camel.main.routes-reload-enabled", "true");
            p.put("camel.main.routes-reload-directory", routes.toString());
            p.put("camel.main.routes-reload-pattern", "*.yaml");
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
                Await.until("the added monitor runs", 8000, () -> beta.requests().size() >= 2);
                String added = Files.readString(Path.of("target/test-logs/camel-monitor.log"));
                assertEquals(1, added.lines().filter(l -> l.contains(routes.resolve("beta.yaml") + " changed: ")).count(),
                        "writing the file gives several events, the routes are loaded once");

                // a broken edit: reported, both monitors keep running as they were
                Files.writeString(routes.resolve("beta.yaml"), betaRoute.replace("{{demo-site.cron}}", "0 0 25 * * ? *"));
                Thread.sleep(1500);
                int a = alpha.requests().size();
                int b = beta.requests().size();
                Thread.sleep(2500);
                assertTrue(alpha.requests().size() > a, "alpha keeps running after a broken edit");
                assertTrue(beta.requests().size() > b, "beta keeps its last good configuration");
                String log = Files.readString(Path.of("target/test-logs/camel-monitor.log"));
                assertTrue(log.contains("Not reloaded: " + routes.resolve("beta.yaml") + ": monitor 'beta': schedule: cron "
                        + "'0 0 25 * * ? *': hour field '25'"), "the broken edit is reported with file, monitor and field");

                // a good edit applies: beta now never fires
                Files.writeString(routes.resolve("beta.yaml"), betaRoute.replace("{{demo-site.cron}}", "0 0 0 1 1 ? 2099"));
                Thread.sleep(2000);
                b = beta.requests().size();
                Thread.sleep(2500);
                assertEquals(b, beta.requests().size(), "the edited schedule is in force");

                // remove a monitor
                Files.delete(routes.resolve("alpha.yaml"));
                Thread.sleep(2000);
                a = alpha.requests().size();
                Thread.sleep(2500);
                assertEquals(a, alpha.requests().size(), "the removed monitor stopped");
                assertTrue(app.context().getRoute("alpha") == null && app.context().getRoute("beta") != null);
            }
        }
    }
}
