package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.RunningMonitor;
import io.bactrian.testing.TestServer;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A monitor list entry's {@code description} in Chinese reaches the on-call person: the DOWN
 * mail the SMTP server receives names it after the monitor, in the plain and the HTML part,
 * both declared UTF-8.
 */
class MailDescriptionTest {
    @TempDir
    Path tmp;

    @Test
    void theMonitorsChineseDescriptionIsInTheMail() throws Exception {
        Path monitors = Files.createDirectories(tmp.resolve("monitors"));
        int port = MonitorProcess.freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (TestServer target = TestServer.answering(500, "down")) {
            Files.writeString(monitors.resolve("shop.yaml"), """
                    monitors:
                      - id: home
                        kind: http
                        description: 首页（下单入口）
                        url: "%s"
                        cron: "* * * * * ? *"
                        failure-threshold: 1
                    """.formatted(target.url("/")));
            Map<String, String> p = RunningMonitor.quiet(tmp.resolve("data"));
            p.put("camel.main.routes-include-pattern", RunningMonitor.projectRoute("http-monitors.yaml") + ","
                    + RunningMonitor.projectRoute("check-outcome.yaml") + "," + RunningMonitor.alertRoutes());
            RunningMonitor.monitorLists(p, monitors);
            p.put("mail.port", String.valueOf(port));
            p.put("mail.language", "zh-CN");
            try (RunningMonitor app = RunningMonitor.start(p)) {
                assertTrue(smtp.waitForIncomingEmail(30_000, 1), "DOWN mail");
            }
            MimeMessage down = smtp.getReceivedMessages()[0];
            assertEquals("【告警】home：HTTP 500 (expected 200)", down.getSubject());
            Multipart parts = (Multipart) down.getContent();
            assertTrue(parts.getBodyPart(0).getContentType().contains("charset=UTF-8"), parts.getBodyPart(0).getContentType());
            String plain = (String) parts.getBodyPart(0).getContent();
            assertTrue(plain.startsWith("监控: home\r\n描述: 首页（下单入口）\r\n目标: " + target.url("/") + "\r\n"), plain);
            String html = (String) parts.getBodyPart(1).getContent();
            assertTrue(html.contains("<th align=\"left\">描述</th><td>首页（下单入口）</td>"), html);
            // on the wire the text is encoded, never raw 8-bit bytes
            assertFalse(GreenMailUtil.getWholeMessage(down).contains("首页"), "encoded on the wire");
        } finally {
            smtp.stop();
        }
    }
}
