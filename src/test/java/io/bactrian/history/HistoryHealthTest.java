package io.bactrian.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.bactrian.testing.Await;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.RunningMonitor;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A history database that cannot be reached (a PostgreSQL address nothing listens on): the
 * monitor still starts and probes, but readiness answers 503 naming the database's reason,
 * while liveness stays 200, so Kubernetes takes the pod out of service without restarting it.
 */
class HistoryHealthTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;

    private static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anUnreachableDatabaseMakesTheMonitorNotReadyButKeepsItAlive() throws Exception {
        int port = MonitorProcess.freePort();
        int nothing = MonitorProcess.freePort();
        try (TestServer target = TestServer.answering(200, "ok")) {
            Map<String, String> p = RunningMonitor.quiet(tmp.resolve("data"));
            p.put("camel.server.enabled", "true");
            p.put("camel.server.port", String.valueOf(port));
            p.put("camel.main.routes-include-pattern", RunningMonitor.copyOfDemoSite(tmp.resolve("routes"), "shop")
                    + "," + RunningMonitor.alertRoutes() + "," + RunningMonitor.projectRoute("status-page.yaml"));
            p.put("demo-site.url", target.url("/"));
            p.put("demo-site.cron", "* * * * * ? *");
            p.put("history.jdbc-url", "jdbc:postgresql://127.0.0.1:" + nothing + "/monitor");
            p.put("history.jdbc-user", "monitor");
            p.put("history.jdbc-password", "pw-never-shown-5521");
            try (RunningMonitor app = RunningMonitor.start(p)) {
                Await.until("a probe of the target", 15_000, () -> !target.requests().isEmpty());
                String base = "http://127.0.0.1:" + port;
                Await.until("readiness DOWN naming the database", 15_000, () -> {
                    HttpResponse<String> ready = get(base + "/observe/health/ready");
                    return ready.statusCode() == 503 && ready.body().contains("history-database");
                });
                String body = get(base + "/observe/health/ready").body();
                assertTrue(body.contains("the history database cannot be opened: "), body);
                assertTrue(!body.contains("pw-never-shown-5521"), "the password in " + body);
                assertEquals(200, get(base + "/observe/health/live").statusCode(), "alive: not to be restarted");
            }
        }
    }
}
