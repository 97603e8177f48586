package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.bactrian.testing.Await;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.MonitorProcess.Result;
import io.bactrian.testing.TestServer;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chinese settings reach the services as written, whichever way they are given: the SMS sign
 * name from application.properties (UTF-8), the mail sender's name from a {@code -D} option, the
 * webhook text from an environment variable. A JVM whose locale cannot decode them is refused
 * with the key named instead of sending garbled text.
 */
class Utf8SettingsTest {
    @TempDir
    Path dir;

    @Test
    void chineseValuesFromTheFileDashDAndTheEnvironmentArriveIntact() throws Exception {
        MonitorProcess.copyProject(dir);
        try (TestServer down = TestServer.answering(503, "down");
             TestServer sms = TestServer.answering(200,
                     "{\"Response\":{\"SendStatusSet\":[{\"Code\":\"Ok\",\"PhoneNumber\":\"+8613800000000\"}],\"RequestId\":\"r1\"}}",
                     "Content-Type: application/json");
             TestServer webhook = TestServer.answering(200, "ok")) {
            Files.writeString(dir.resolve("application.properties"), String.join("\n", "",
                    "# 腾讯云短信：签名须与控制台一致",
                    "channel.tencent-sms.sign-name = 测试",
                    "channel.tencent-sms.secret-id = AKIDtest",
                    "channel.tencent-sms.secret-key = secret",
                    "channel.tencent-sms.sdk-app-id = 1400000000",
                    "channel.tencent-sms.template-id = 100001",
                    "channel.tencent-sms.phone-numbers = +8613800000000",
                    "channel.tencent-sms.base-url = " + sms.url(""),
                    "channel.webhook.url = " + webhook.url("/hook"),
                    "alert.channels = mail, tencent-sms, webhook",
                    "channel.group-wait = 0",
                    "mail.group-wait = 0",
                    "demo-site.url = " + down.url("/"),
                    "demo-site.cron = * * * * * ? *",
                    "demo-site.failure-threshold = 1", ""), StandardCharsets.UTF_8, StandardOpenOption.APPEND);

            try (MonitorProcess app = MonitorProcess.start(dir,
                    List.of("-Dcamel.server.port=" + MonitorProcess.freePort(), "-Dmail.from=监控中心 <monitor@localhost>"),
                    Map.of("CHANNEL_WEBHOOK_TEMPLATE", "{\"text\":\"【告警】${monitor}\"}"))) {
                Await.until("the SMS request", 90_000, () -> !sms.requests().isEmpty());
                Await.until("the webhook request", 90_000, () -> !webhook.requests().isEmpty());
                Path sent = dir.resolve("data/mail/sent");
                Await.until("the DOWN mail", 90_000, () -> mails(sent).size() == 1);

                String smsBody = sms.requests().get(0).body();
                assertTrue(smsBody.contains("\"SignName\":\"测试\""), smsBody);
                assertEquals("{\"text\":\"【告警】demo-site\"}", webhook.requests().get(0).body());
                try (InputStream in = Files.newInputStream(mails(sent).get(0))) {
                    InternetAddress from = (InternetAddress) new MimeMessage(Session.getInstance(new java.util.Properties()), in)
                            .getFrom()[0];
                    assertEquals("监控中心", from.getPersonal());
                }
            }
        }
    }

    @Test
    void aLocaleThatCannotDecodeTheValuesIsNamedNotSentGarbled() throws Exception {
        MonitorProcess.copyProject(dir);
        // LANG=C: the JVM decodes -D options and the environment as ASCII, before any code runs
        Result run = MonitorProcess.run(dir, Duration.ofSeconds(60),
                List.of("-Dcamel.server.port=" + MonitorProcess.freePort(), "-Dstatus-page.title=监控"),
                Map.of("LANG", "C", "LC_ALL", "C"), "run");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.stderr().stream().anyMatch(l -> l.strip().startsWith("application.properties: status-page.title: "
                + "its -D or environment value holds characters the JVM could not decode")
                && l.contains("LANG=C.UTF-8")), run.toString());
    }

    private static List<Path> mails(Path sent) {
        if (!Files.isDirectory(sent)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(sent)) {
            return files.filter(f -> f.toString().endsWith("-DOWN.eml")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
