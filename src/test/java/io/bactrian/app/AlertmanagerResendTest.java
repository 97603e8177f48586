package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bactrian.testing.Alertmanager;
import io.bactrian.testing.Await;
import io.bactrian.testing.LocalOutbox;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.QueuedAlerts;
import io.bactrian.testing.RunningMonitor;
import io.bactrian.testing.TestServer;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A monitor alerting a webhook, mail and the real Alertmanager of the Debian package, which
 * ends an alert posted without an end after its resolve_timeout (2 s here, 5 min by default):
 * the alert stays active through an outage three times as long and through a restart of the
 * monitor, and ends at RESOLVED, while the webhook and mail each hear of the outage once.
 */
class AlertmanagerResendTest {
    private static final Duration RESOLVE_TIMEOUT = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Map<String, String> properties(String routes, TestServer target, TestServer webhook, Alertmanager am) {
        Map<String, String> p = RunningMonitor.quiet(tmp.resolve("data"));
        p.put("camel.main.routes-include-pattern", routes);
        p.put("mail.host", ""); // mails are kept in the data folder, to be counted
        RunningMonitor.checkEverySecond(p, target.url("/"), 2);
        p.put("alert.channels", "mail, webhook, alertmanager");
        p.put("channel.webhook.url", webhook.url("/hook"));
        p.put("channel.alertmanager.base-url", am.url());
        p.put("channel.alertmanager.resend-interval", "1000"); // each post keeps the alert 4 s
        p.put("channel.poll-delay", "100");
        p.put("channel.group-wait", "0");
        return p;
    }

    @Test
    void aFiringAlertOutlivesTheResolveTimeoutAndARestartAndEndsAtResolved() throws Exception {
        Assumptions.assumeTrue(Alertmanager.installed(), Alertmanager.NEEDED);
        AtomicInteger status = new AtomicInteger(500);
        try (Alertmanager am = Alertmanager.start(tmp.resolve("alertmanager"), RESOLVE_TIMEOUT);
             TestServer target = TestServer.http((request, out) -> TestServer.respond(out, status.get(), "hello"));
             TestServer webhook = TestServer.answering(200, "ok");
             QueuedAlerts queue = new QueuedAlerts(tmp.resolve("data"))) {
            String routes = RunningMonitor.copyOfDemoSite(tmp.resolve("routes"), "shop") + ","
                    + RunningMonitor.alertRoutes();
            Map<String, String> p = properties(routes, target, webhook, am);
            try (RunningMonitor app = RunningMonitor.start(p)) {
                Await.until("the DOWN at Alertmanager", 15_000, () -> am.active("MonitorDown", "shop") != null);
                Instant endsFirst = endsAt(am.active("MonitorDown", "shop"));
                Instant until = Instant.now().plus(RESOLVE_TIMEOUT.multipliedBy(3));
                JsonNode alert = null;
                while (Instant.now().isBefore(until)) {
                    alert = am.active("MonitorDown", "shop");
                    assertNotNull(alert, "Alertmanager forgot the firing alert: " + am.alerts());
                    Thread.sleep(100);
                }
                assertTrue(endsAt(alert).isAfter(endsFirst.plus(RESOLVE_TIMEOUT)),
                        "re-sent with a later end each time: " + endsFirst + ", then " + alert);
            }
            Instant restarted = Instant.now();
            try (RunningMonitor app = RunningMonitor.start(p)) {
                Await.until("the new instance to post it again", 10_000, () -> {
                    JsonNode alert = am.active("MonitorDown", "shop");
                    return alert != null && Instant.parse(alert.get("updatedAt").asText()).isAfter(restarted);
                });
                status.set(200);
                Await.until("the RESOLVED sent to Alertmanager", 15_000, () -> queue.sent("alertmanager") == 2);
                assertNull(am.active("MonitorDown", "shop"), "ended at RESOLVED: " + am.alerts());
                Await.until("the RESOLVED at the webhook", 5_000, () -> statuses(webhook).size() == 2);
                // two whole runs of the re-send route after the RESOLVED: a re-send would show now
                NotifyBuilder resends = new NotifyBuilder(app.context()).fromRoute("alertmanager-resend").whenCompleted(2)
                        .create();
                assertTrue(resends.matches(10, TimeUnit.SECONDS), "the re-send route ran twice");
                assertNull(am.active("MonitorDown", "shop"), "and not fired again: " + am.alerts());
            }
            assertEquals(List.of("firing", "resolved"), statuses(webhook), "one DOWN, one RESOLVED, no repeats");
            LocalOutbox mails = new LocalOutbox(tmp.resolve("data"));
            assertEquals(1, mails.count("shop", "DOWN"), "one DOWN mail");
            assertEquals(1, mails.count("shop", "RESOLVED"), "one RESOLVED mail");
            assertEquals(2, queue.sent("alertmanager"), "the re-sends queued nothing");
        }
    }

    /**
     * Alertmanager answering 503 after the DOWN: the re-sends rest the channel with the
     * delivery back-off (100 ms, doubling) and the log warns once, not at every try.
     */
    @Test
    void resendsFailingInARowAreWarnedOfOnce() throws Exception {
        AtomicInteger answer = new AtomicInteger(200);
        Path project = MonitorProcess.copyProject(Files.createDirectories(tmp.resolve("project")));
        MonitorProcess.writeShopMonitor(project, "cron", "* * * * * ? *", "failureThreshold", "1");
        try (TestServer target = TestServer.answering(503, "busy");
             TestServer am = TestServer.http((request, out) -> TestServer.respond(out, answer.get(), "",
                     "Connection: close"))) {
            MonitorProcess.setProperty(project, "shop.url", target.url("/"));
            MonitorProcess.setProperty(project, "alert.channels", "alertmanager");
            MonitorProcess.setProperty(project, "channel.alertmanager.base-url", am.url(""));
            MonitorProcess.setProperty(project, "channel.alertmanager.resend-interval", "200");
            MonitorProcess.setProperty(project, "channel.alertmanager.retry-delay", "100");
            try (MonitorProcess app = MonitorProcess.start(project,
                    List.of("-Dcamel.server.port=" + MonitorProcess.freePort()))) {
                Await.until("the DOWN at Alertmanager", 30_000, () -> am.requests().size() >= 1);
                answer.set(503);
                int before = am.requests().size();
                Await.until("four failed re-sends", 20_000, () -> am.requests().size() >= before + 4);
                List<String> warned = app.stdout().stream().map(MonitorProcess.Line::text)
                        .filter(l -> l.contains(" WARN ") && l.contains("not sent again to alertmanager")).toList();
                assertEquals(1, warned.size(), app.stdoutText());
                assertTrue(warned.get(0).endsWith("HTTP 503; next try in 100 ms"), warned.get(0));
            }
        }
    }

    private static Instant endsAt(JsonNode alert) {
        return Instant.parse(alert.get("endsAt").asText());
    }

    /** The status of each request the webhook got, in order. */
    private static List<String> statuses(TestServer webhook) {
        return webhook.requests().stream().map(r -> {
            try {
                return JSON.readTree(r.body()).get("status").asText();
            } catch (java.io.IOException e) {
                throw new AssertionError(r.body(), e);
            }
        }).toList();
    }
}
