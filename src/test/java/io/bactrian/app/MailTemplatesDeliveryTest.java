package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.RunningMonitor;
import io.bactrian.testing.TestServer;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running application with {@code mail.language = zh-CN} and a monitor's own mail template
 * in {@code channel.templates}: the DOWN mail that reaches the SMTP server is the template's,
 * the RESOLVED one the built-in Chinese text.
 */
class MailTemplatesDeliveryTest {
    @TempDir
    Path tmp;

    @Test
    void chineseMailWithTheMonitorsOwnTemplateArrivesOverSmtp() throws Exception {
        String monitor = "商城";
        Files.createDirectories(tmp.resolve("templates"));
        Files.writeString(tmp.resolve("templates/mail." + monitor + ".down.zh-CN.txt"),
                "【故障】${monitor}：${reason}\n\n请值班同事处理：${target}\n${state}，开始于 ${downSince}\n");
        int port = MonitorProcess.freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        AtomicInteger status = new AtomicInteger(500);
        try (TestServer target = TestServer.http((req, out) -> TestServer.respond(out, status.get(), "shop"))) {
            Map<String, String> p = RunningMonitor.quiet(tmp.resolve("data"));
            p.put("camel.main.routes-include-pattern",
                    RunningMonitor.copyOfDemoSite(tmp.resolve("routes"), monitor) + "," + RunningMonitor.alertRoutes());
            p.put("demo-site.url", target.url("/"));
            p.put("demo-site.cron", "* * * * * ? *");
            p.put("demo-site.failure-threshold", "1");
            p.put("demo-site.success-threshold", "1");
            p.put("mail.port", String.valueOf(port));
            p.put("mail.language", "zh-CN");
            p.put("bactrian.time-zone", "Asia/Shanghai");
            p.put("channel.templates", tmp.resolve("templates").toString());
            try (RunningMonitor app = RunningMonitor.start(p)) {
                assertTrue(smtp.waitForIncomingEmail(15_000, 1), "DOWN mail");
                status.set(200);
                assertTrue(smtp.waitForIncomingEmail(15_000, 2), "RESOLVED mail");
            }
            MimeMessage down = smtp.getReceivedMessages()[0];
            assertEquals("【故障】商城：HTTP 500 (expected 200)", down.getSubject());
            assertTrue(down.getHeader("Subject")[0].startsWith("=?UTF-8?"), down.getHeader("Subject")[0]);
            Multipart parts = (Multipart) down.getContent();
            String plain = (String) parts.getBodyPart(0).getContent();
            assertTrue(plain.startsWith("请值班同事处理：" + target.url("/") + "\r\n故障，开始于 "), plain);
            assertTrue(plain.strip().endsWith("+08:00"), plain);
            String html = (String) parts.getBodyPart(1).getContent();
            assertTrue(html.contains("<h3>【故障】商城：HTTP 500 (expected 200)</h3><div>请值班同事处理："), html);

            MimeMessage resolved = smtp.getReceivedMessages()[1];
            assertTrue(resolved.getSubject().matches("【恢复】商城 已恢复，故障时长 \\d+秒"), resolved.getSubject());
            String resolvedPlain = (String) ((Multipart) resolved.getContent()).getBodyPart(0).getContent();
            assertTrue(resolvedPlain.startsWith("监控: 商城\r\n"), resolvedPlain);
            assertTrue(resolvedPlain.contains("状态: 已恢复\r\n"), resolvedPlain);
        } finally {
            smtp.stop();
        }
    }
}
