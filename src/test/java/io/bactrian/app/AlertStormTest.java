package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.bactrian.testing.Await;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.QueuedAlerts;
import io.bactrian.testing.RunningMonitor;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fifty monitors made from the shipped template fail together: WeCom, DingTalk, Feishu and
 * Slack each get exactly one grouped message that names every monitor, not fifty, and the SMTP
 * server one mail.
 */
class AlertStormTest {
    private static final List<String> CHANNELS = List.of("wecom", "dingtalk", "feishu", "slack");
    private static final int MONITORS = 50;

    @TempDir
    Path tmp;

    @Test
    void fiftyMonitorsFailingTogetherGiveOneMessagePerChannel() throws Exception {
        AtomicInteger status = new AtomicInteger(200);
        GreenMail smtp = new GreenMail(new ServerSetup(MonitorProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (TestServer target = TestServer.http((request, out) -> TestServer.respond(out, status.get(), "hello"));
             TestServer chat = TestServer.answering(200, "{\"errcode\":0,\"errmsg\":\"ok\",\"code\":0,\"msg\":\"success\"}");
             TestServer slack = TestServer.answering(200, "ok")) {
            StringBuilder sites = new StringBuilder();
            for (int i = 1; i <= MONITORS; i++) {
                sites.append(String.format("""
                        - templatedRoute:
                            routeTemplateRef: "http-status"
                            routeId: "site-%02d"
                            parameters:
                              - name: "url"
                                value: "%s"
                              - name: "cron"
                                value: "*/2 * * * * ? *"
                              - name: "failureThreshold"
                                value: "1"
                        """, i, target.url("/" + i)));
            }
            String routes = RunningMonitor.projectRoute("http-status-template.yaml") + ","
                    + RunningMonitor.routeFile(tmp.resolve("routes"), "sites.yaml", sites.toString()) + ","
                    + RunningMonitor.alertRoutes();
            Map<String, String> p = RunningMonitor.quiet(tmp.resolve("data"));
            p.put("camel.main.routes-include-pattern", routes);
            p.put("mail.host", "127.0.0.1");
            p.put("mail.port", String.valueOf(smtp.getSmtp().getPort()));
            p.put("mail.group-wait", "15000");
            p.put("alert.channels", "mail," + String.join(",", CHANNELS));
            p.put("channel.poll-delay", "200");
            // the failing checks of one tick are queued within a few seconds; a loaded machine gets slack
            p.put("channel.group-wait", "15000");
            p.put("channel.wecom.key", "k");
            p.put("channel.wecom.base-url", chat.url(""));
            p.put("channel.dingtalk.access-token", "t");
            p.put("channel.dingtalk.base-url", chat.url(""));
            p.put("channel.feishu.hook-id", "h");
            p.put("channel.feishu.base-url", chat.url(""));
            p.put("channel.slack.webhook-path", "/services/T/B/s");
            p.put("channel.slack.base-url", slack.url(""));
            try (RunningMonitor app = RunningMonitor.start(p); QueuedAlerts queue = new QueuedAlerts(tmp.resolve("data"))) {
                // every monitor is running before the target fails for all of them at once
                Await.until("all fifty monitors checked", 60000,
                        () -> target.requests().stream().map(TestServer.Request::target).distinct().count() == MONITORS);
                status.set(503);
                for (String channel : CHANNELS) {
                    Await.until("all fifty alerts through " + channel, 90000,
                            () -> queue.sent(channel) == MONITORS);
                }
                Await.until("all fifty alert mails through", 60000,
                        () -> queue.sent("mail") == MONITORS);
            }
            assertEquals(1, smtp.getReceivedMessages().length, "one mail");
            assertEquals("[ALERTS] 50 monitors: 50 down", smtp.getReceivedMessages()[0].getSubject());
            String mail = GreenMailUtil.getBody(smtp.getReceivedMessages()[0]);
            for (int i = 1; i <= MONITORS; i++) {
                assertTrue(mail.contains(String.format("[DOWN] site-%02d: HTTP 503", i)), "site " + i + " in " + mail);
            }
            assertEquals(1, slack.requests().size(), "Slack: " + slack.requests());
            assertEquals(3, chat.requests().size(), "WeCom, DingTalk, Feishu: " + chat.requests());
            List<String> bodies = new java.util.ArrayList<>(chat.requests().stream().map(TestServer.Request::body).toList());
            bodies.add(slack.requests().get(0).body());
            for (String body : bodies) {
                assertTrue(body.contains("【告警汇总】50 个监控：50 故障"), body);
                for (int i = 1; i <= MONITORS; i++) {
                    assertTrue(body.contains(String.format("【告警】site-%02d：HTTP 503", i)), "site " + i + " in " + body);
                }
            }
        } finally {
            smtp.stop();
        }
    }
}
