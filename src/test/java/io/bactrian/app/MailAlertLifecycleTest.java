package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.bactrian.testing.Await;
import io.bactrian.testing.MeasuresTime;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.QueuedAlerts;
import io.bactrian.testing.RunningMonitor;
import io.bactrian.testing.TestLog;
import io.bactrian.testing.TestServer;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's copy of the demo monitor, under a Chinese name, against a target the test turns
 * down and up again: the mails that arrive over SMTP with a login are one DOWN, reminders no
 * more often than the interval, one RESOLVED; UTF-8 throughout; the password nowhere in the log.
 */
@MeasuresTime
class MailAlertLifecycleTest {
    static final String PASSWORD = "s3cret-Pa55-7731";

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(
            new ServerSetup(MonitorProcess.freePortUnchecked(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@bactrian.test", "alerts", PASSWORD));

    @TempDir
    Path tmp;

    @Test
    void oneDownRemindersOnTimeOneResolved() throws Exception {
        AtomicInteger status = new AtomicInteger(200);
        try (TestServer target = TestServer.http((request, out) -> TestServer.respond(out, status.get(), "hello"))) {
            String monitor = "官网首页";
            Map<String, String> p = RunningMonitor.quiet(tmp.resolve("data"));
            p.put("camel.main.routes-include-pattern",
                    RunningMonitor.copyOfDemoSite(tmp.resolve("routes"), monitor) + "," + RunningMonitor.alertRoutes());
            p.put("mail.port", String.valueOf(mail.getSmtp().getPort()));
            p.put("mail.username", "alerts");
            p.put("mail.password", PASSWORD);
            p.put("demo-site.url", target.url("/shop?x=1&y=2"));
            p.put("demo-site.cron", "* * * * * ? *");
            p.put("demo-site.failure-threshold", "2");
            p.put("demo-site.success-threshold", "2");
            p.put("demo-site.reminder-interval", "3s");
            try (RunningMonitor app = RunningMonitor.start(p)) {
                Await.until("three probes of the target while it is up", 15_000, () -> target.requests().size() >= 3);
                assertEquals(0, mail.getReceivedMessages().length, "no mail while the target is up");
                assertTrue(target.requests().size() >= 2, "probes run every second");

                status.set(500);
                assertTrue(mail.waitForIncomingEmail(6000, 1), "DOWN mail");
                // reminders come with the first probe at least 3 s after the last notice: at 3-4 s and 6-8 s
                assertTrue(mail.waitForIncomingEmail(20_000, 3), "two reminders");
                int beforeUp = mail.getReceivedMessages().length;
                status.set(200);
                assertTrue(mail.waitForIncomingEmail(8000, beforeUp + 1), "RESOLVED mail");
                // two more probes of the up target decide nothing new, and what they decided has gone out
                int afterUp = target.requests().size();
                Await.until("two probes after the RESOLVED", 15_000, () -> target.requests().size() >= afterUp + 2);
                try (QueuedAlerts queue = new QueuedAlerts(tmp.resolve("data"))) {
                    Await.until("the alert queue drained", 15_000, () -> queue.queued("mail") == 0);
                }
            }
        }

        MimeMessage[] mails = mail.getReceivedMessages();
        List<String> subjects = Arrays.stream(mails).map(RunningMonitor::subject).toList();
        assertEquals(1, subjects.stream().filter(s -> s.startsWith("[DOWN] ")).count(), subjects.toString());
        assertEquals(1, subjects.stream().filter(s -> s.startsWith("[RESOLVED] ")).count(), subjects.toString());
        long reminders = subjects.stream().filter(s -> s.startsWith("[STILL DOWN] ")).count();
        assertTrue(reminders >= 2 && reminders <= 3, "two or three reminders at 3 s: " + subjects);
        assertEquals(mails.length, 2 + reminders, "nothing else: " + subjects);

        assertEquals("[DOWN] 官网首页: HTTP 500 (expected 200)", subjects.get(0));
        assertTrue(subjects.get(1).startsWith("[STILL DOWN] 官网首页 for "), subjects.get(1));
        assertTrue(subjects.get(mails.length - 1).matches("\\[RESOLVED] 官网首页 is up again after \\d+s"),
                subjects.get(mails.length - 1));
        for (int i = 1; i < mails.length - 1; i++) {
            long gap = mails[i].getSentDate().getTime() - mails[i - 1].getSentDate().getTime();
            assertTrue(gap >= 3000, "reminder " + i + " only " + gap + " ms after the previous notice");
        }

        MimeMessage down = mails[0];
        assertEquals("ops@bactrian.test", down.getAllRecipients()[0].toString());
        assertTrue(down.getFrom()[0].toString().contains("monitor@bactrian.test"));
        String rawSubject = down.getHeader("Subject")[0];
        assertTrue(rawSubject.startsWith("=?UTF-8?"), "RFC 2047 encoded subject: " + rawSubject);
        Multipart alternative = (Multipart) down.getContent();
        assertTrue(alternative.getContentType().startsWith("multipart/alternative"));
        assertEquals(2, alternative.getCount());
        assertTrue(alternative.getBodyPart(0).isMimeType("text/plain"), "plain text first");
        assertTrue(alternative.getBodyPart(1).isMimeType("text/html"), "HTML last");
        String plain = (String) alternative.getBodyPart(0).getContent();
        String html = (String) alternative.getBodyPart(1).getContent();
        assertTrue(plain.contains("Monitor: 官网首页"), plain);
        assertTrue(plain.contains("Target: http://127.0.0.1:"), plain);
        assertTrue(plain.contains("/shop?x=1&y=2"), "the URL with its query: " + plain);
        assertTrue(plain.contains("State: DOWN"), plain);
        assertTrue(plain.contains("Failure: unexpected status"), plain);
        assertTrue(plain.contains("Reason: HTTP 500 (expected 200)"), plain);
        assertTrue(plain.contains("Down for: "), plain);
        assertTrue(html.contains("<td>官网首页</td>"), html);
        assertTrue(html.contains("/shop?x=1&amp;y=2"), "escaped in HTML: " + html);

        String resolved = (String) ((Multipart) mails[mails.length - 1].getContent()).getBodyPart(0).getContent();
        assertTrue(resolved.contains("State: UP (resolved)"), resolved);
        assertTrue(resolved.contains("Was down for: "), resolved);

        for (MimeMessage m : mails) {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            m.writeTo(raw);
            assertFalse(raw.toString(StandardCharsets.UTF_8).contains(PASSWORD), "password in a mail");
        }
        assertFalse(TestLog.text().contains(PASSWORD),
                "password in the log");
        try (QueuedAlerts queue = new QueuedAlerts(tmp.resolve("data"))) {
            assertEquals(mails.length, queue.sent("mail"), "every delivered mail is marked sent in the alert queue");
            assertEquals(0, queue.queued("mail"));
        }
    }
}
