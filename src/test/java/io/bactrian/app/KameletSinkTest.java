package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.bactrian.channel.list.Channels;
import io.bactrian.testing.Await;
import io.bactrian.testing.QueuedAlerts;
import io.bactrian.testing.RunningMonitor;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A user's route names its channels itself, one line each ({@code to: "kamelet:channel-sink?channel=wecom"}),
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
                          - to: "kamelet:channel-sink?channel=wecom"
                          - to: "kamelet:channel-sink?channel=slack"
                          - to: "kamelet:channel-sink?channel=webhook"
                          - to: "kamelet:channel-sink?channel=mail"
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
                    + "channel 'slack' is sent to by kamelet:channel-sink?channel=slack"), messages);
        }
    }

    /** The kamelet's contract offers every channel there is, and no other. */
    @Test
    void theChannelSinkOffersEveryChannel() throws Exception {
        try (java.io.InputStream in = getClass().getResourceAsStream("/kamelets/channel-sink.kamelet.yaml")) {
            Map<?, ?> kamelet = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
            Map<?, ?> definition = (Map<?, ?>) ((Map<?, ?>) kamelet.get("spec")).get("definition");
            Map<?, ?> channel = (Map<?, ?>) ((Map<?, ?>) definition.get("properties")).get("channel");
            assertEquals(Channels.NAMES, channel.get("enum"));
            assertEquals(List.of("channel"), definition.get("required"));
        }
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
