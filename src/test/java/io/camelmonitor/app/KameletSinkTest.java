package io.camelmonitor.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.camelmonitor.channel.ChannelSenders;
import io.camelmonitor.testing.Await;
import io.camelmonitor.testing.QueuedAlerts;
import io.camelmonitor.testing.RunningMonitor;
import io.camelmonitor.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's route names its channels itself, one line each ({@code to: "kamelet:wecom-sink"}),
 * with alert.channels empty: each alert is queued for that channel and delivered by the
 * same delivery route, and the body stays the alert from one sink to the next.
 */
class KameletSinkTest {
    private static final String ROUTE = """
            - route:
                id: "api"
                from:
                  uri: "schedule:api"
                  parameters:
                    cron: "* * * * * ? *"
                  steps:
                    - to:
                        uri: "http-probe:api"
                        parameters:
                          url: "RAW({{api.url}})"
                    - to:
                        uri: "alert-rule:api"
                        parameters:
                          failureThreshold: "1"
                    - filter:
                        simple: "${body} != null"
                        steps:
                          - to: "kamelet:wecom-sink"
                          - to: "kamelet:slack-sink"
                          - to: "kamelet:webhook-sink"
                          - to: "kamelet:mail-sink"
            """;

    @TempDir
    Path tmp;

    private Map<String, String> properties(String routes, TestServer target, TestServer chat, TestServer slack) {
        Map<String, String> p = RunningMonitor.quiet(tmp.resolve("data"));
        p.put("camel.main.routes-include-pattern", routes);
        p.put("mail.host", "");
        p.put("api.url", target.url("/"));
        p.put("alert.channels", "");
        p.put("channel.poll-delay", "100");
        p.put("channel.group-wait", "0"); // grouping has its own tests
        p.put("channel.wecom.key", "k1");
        p.put("channel.wecom.base-url", chat.url(""));
        p.put("channel.slack.webhook-path", "/services/T0/B0/s1");
        p.put("channel.slack.base-url", slack.url(""));
        p.put("channel.webhook.url", chat.url("/hook"));
        return p;
    }

    @Test
    void routeNamesItsSinksAndEachGetsTheAlertOnce() throws Exception {
        try (TestServer target = TestServer.answering(503, "down");
             TestServer chat = TestServer.answering(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
             TestServer slack = TestServer.answering(200, "ok")) {
            String routes = RunningMonitor.routeFile(tmp.resolve("routes"), "api.yaml", ROUTE) + ","
                    + RunningMonitor.alertRoutes();
            try (RunningMonitor app = RunningMonitor.start(properties(routes, target, chat, slack))) {
                Await.until("WeCom, the webhook and Slack got the alert", 30000,
                        () -> chat.requests().size() == 2 && slack.requests().size() == 1);
                Await.until("the mail in the local outbox", 5000, () -> files(tmp.resolve("data/mail/sent")) == 1);
            }
            TestServer.Request wecom = chat.requests().stream()
                    .filter(r -> r.target().startsWith("/cgi-bin/webhook/send?key=k1")).findFirst().orElse(null);
            assertNotNull(wecom, "WeCom: " + chat.requests());
            assertTrue(wecom.body().contains("【告警】api：HTTP 503"), wecom.body());
            TestServer.Request hook = chat.requests().stream().filter(r -> r.target().equals("/hook")).findFirst()
                    .orElseThrow();
            assertTrue(hook.body().contains("\"monitor\":\"api\""), hook.body());
            assertEquals("/services/T0/B0/s1", slack.requests().get(0).target());
            assertTrue(slack.requests().get(0).body().contains("api"), slack.requests().get(0).body());
            try (QueuedAlerts queue = new QueuedAlerts(tmp.resolve("data"))) {
                for (String channel : List.of("wecom", "slack", "webhook", "mail")) {
                    assertEquals(1, queue.sent(channel), channel);
                    assertEquals(0, queue.queued(channel), channel);
                }
            }
        }
    }

    /**
     * A sink kamelet whose route is gone (as a reload once left them): the monitor's check is
     * not held up, and the alert is queued for the channel all the same, with an ERROR line.
     */
    @Test
    void aBrokenSinkNeitherHoldsUpTheCheckNorLosesTheAlert() throws Exception {
        java.util.concurrent.atomic.AtomicInteger status = new java.util.concurrent.atomic.AtomicInteger(503);
        try (TestServer target = TestServer.http((req, out) -> TestServer.respond(out, status.get(), "site"));
             TestServer hook = TestServer.answering(200, "ok")) {
            String routes = RunningMonitor.copyOfDemoSite(tmp.resolve("routes"), "shop") + ","
                    + RunningMonitor.alertRoutes();
            Map<String, String> p = RunningMonitor.quiet(tmp.resolve("data"));
            p.put("camel.main.routes-include-pattern", routes);
            p.put("mail.host", "");
            RunningMonitor.webhookChannel(p, hook.url("/hook"));
            RunningMonitor.checkEverySecond(p, target.url("/"), 1);
            try (RunningMonitor app = RunningMonitor.start(p)) {
                Await.until("the DOWN at the webhook", 20000, () -> hook.requests().size() == 1);
                String sink = app.context().getRoutes().stream().map(r -> r.getRouteId())
                        .filter(id -> id.startsWith("webhook-sink")).findFirst().orElseThrow();
                app.context().getRouteController().stopRoute(sink);
                app.context().removeRoute(sink);

                status.set(200);
                long before = System.nanoTime();
                Await.until("the RESOLVED at the webhook", 20000, () -> hook.requests().size() == 2);
                assertTrue(System.nanoTime() - before < 10_000_000_000L, "not held up for 30 s");
                assertTrue(hook.requests().get(1).body().contains("\"status\":\"resolved\""), hook.requests().get(1).body());
                int checks = target.requests().size();
                Await.until("the monitor checking on", 5000, () -> target.requests().size() >= checks + 2);
                Await.until("the RESOLVED mail", 5000,
                        () -> new io.camelmonitor.testing.LocalOutbox(tmp.resolve("data")).count("shop", "RESOLVED") == 1);
            }
            String log = Files.readString(Path.of("target/test-logs/camel-monitor.log"));
            assertTrue(log.contains("RESOLVED shop: kamelet:webhook-sink failed (No consumers available on endpoint: "
                    + "kamelet://webhook-sink"), "the failure is said");
            assertTrue(log.contains("; queued for webhook directly"), "and what became of the alert");
        }
    }

    @Test
    void aSinkWithoutItsSettingsStopsStartUpNamingFileMonitorAndProperty() throws Exception {
        try (TestServer target = TestServer.answering(200, "ok");
             TestServer chat = TestServer.answering(200, "{\"errcode\":0}")) {
            String routes = RunningMonitor.routeFile(tmp.resolve("routes"), "api.yaml", ROUTE) + ","
                    + RunningMonitor.alertRoutes();
            Map<String, String> p = properties(routes, target, chat, chat);
            p.put("channel.slack.webhook-path", "");
            Exception e = assertThrows(Exception.class, () -> RunningMonitor.start(p).close());
            String messages = "";
            for (Throwable t = e; t != null; t = t.getCause()) {
                messages += t.getMessage() + "\n";
            }
            assertTrue(messages.contains("api.yaml: monitor 'api': channel.slack.webhook-path: is not set: "
                    + "channel 'slack' is sent to by kamelet:slack-sink"), messages);
        }
    }

    @Test
    void everyChannelHasItsKamelet() {
        for (String channel : ChannelSenders.REQUIRED.keySet()) {
            assertNotNull(getClass().getResource("/kamelets/" + channel + "-sink.kamelet.yaml"), channel);
        }
        assertNotNull(getClass().getResource("/kamelets/mail-sink.kamelet.yaml"));
    }

    private static long files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var list = Files.list(dir)) {
            return list.filter(Files::isRegularFile).count();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
