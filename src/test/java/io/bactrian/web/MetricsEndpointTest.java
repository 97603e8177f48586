package io.bactrian.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.bactrian.history.MonitorMetrics;
import io.bactrian.testing.Await;
import io.bactrian.testing.RunningMonitor;
import io.bactrian.testing.TestServer;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * /metrics of the real application with the shipped metrics settings: two HTTP monitors checked
 * every second against a loopback server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsEndpointTest {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path tmp;

    TestServer target;
    RunningMonitor app;
    String base;

    @BeforeAll
    void start() throws Exception {
        target = TestServer.answering(200, "ok");
        String sites = RunningMonitor.everySecond("shop", target.url("/")) + RunningMonitor.everySecond("blog", target.url("/"));
        Map<String, String> p = RunningMonitor.quiet(tmp.resolve("data"));
        int port = RunningMonitor.server(p);
        p.put("camel.main.routes-include-pattern", String.join(",",
                RunningMonitor.projectRoute("http-status-template.yaml"),
                RunningMonitor.routeFile(tmp.resolve("routes"), "sites.yaml", sites), RunningMonitor.alertRoutes(),
                RunningMonitor.projectRoute("status-page.yaml")));
        app = RunningMonitor.start(p);
        base = "http://127.0.0.1:" + port;
        Await.until("both monitors' first checks on /metrics", 20_000, () -> {
            String m = metrics();
            return m.contains("bactrian_up{monitor=\"shop\"} 1.0")
                    && m.contains("bactrian_up{monitor=\"blog\"} 1.0");
        });
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        target.close();
    }

    String metrics() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("content-type").orElse(""));
            return r.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Camel's per-exchange event notifier looks a gauge up among all meters on every exchange; the
     * shipped settings leave it off and keep Camel's route metrics, which count the same exchanges.
     */
    @Test
    void routeMetricsAndTheMonitorsMetricsWithoutTheExchangeNotifier() {
        assertFalse(app.context().getManagementStrategy().getEventNotifiers().stream()
                .anyMatch(n -> n instanceof MicrometerExchangeEventNotifier), "the exchange event notifier is off");
        String m = metrics();
        assertTrue(m.contains("camel_exchanges_total{") && m.contains("routeId=\"shop\""), "Camel's route metrics: " + m);
        assertTrue(m.contains("camel_route_policy_seconds_count{"), "Camel's route timers: " + m);
        assertTrue(m.contains("bactrian_checks_total{monitor=\"shop\",result=\"up\"}"), m);
        assertTrue(m.contains("bactrian_probe_phase_seconds_count{monitor=\"shop\",node=\"local\",phase=\"total\"}"),
                m);
        assertFalse(m.contains("camel_exchange_event_notifier"), m);
        assertFalse(m.contains("camel_exchanges_last_timestamp"), m);
    }

    /** What the monitor list does when a monitor is taken off it: no more checks, then forget. */
    @Test
    void aRemovedMonitorsSeriesLeaveMetrics() throws Exception {
        app.context().getRouteController().stopRoute("blog");
        app.context().getRegistry().lookupByNameAndType("monitorMetrics", MonitorMetrics.class).forget("blog");

        String m = metrics();
        assertFalse(m.contains("monitor=\"blog\""), m);
        assertTrue(m.contains("bactrian_up{monitor=\"shop\"}"), "the other monitor stays: " + m);
    }
}
