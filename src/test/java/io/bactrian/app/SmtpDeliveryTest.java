package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.bactrian.testing.Await;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.QueuedAlerts;
import io.bactrian.testing.RunningMonitor;
import io.bactrian.testing.SelfSignedCertificate;
import io.bactrian.testing.TestLog;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.wiser.Wiser;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mail transport: an alert raised while the SMTP server is down is delivered once it is back;
 * implicit TLS (SMTPS) verifies the server certificate; STARTTLS is used when offered and
 * required, never skipped.
 */
class SmtpDeliveryTest {
    static final String PASSWORD = "pw-9c1f-never-logged";

    @TempDir
    Path tmp;

    private Map<String, String> monitorOf(TestServer target) throws Exception {
        Map<String, String> p = RunningMonitor.quiet(tmp.resolve("data"));
        p.put("camel.main.routes-include-pattern",
                RunningMonitor.copyOfDemoSite(tmp.resolve("routes"), "shop") + "," + RunningMonitor.alertRoutes());
        p.put("demo-site.url", target.url("/"));
        p.put("demo-site.cron", "* * * * * ? *");
        p.put("demo-site.failure-threshold", "1");
        p.put("mail.timeout", "2000");
        return p;
    }

    @Test
    void alertRaisedWhileSmtpIsDownIsDeliveredOnceWhenItIsBack() throws Exception {
        int port = MonitorProcess.freePort();
        try (TestServer target = TestServer.http((req, out) -> TestServer.respond(out, 500, "down"))) {
            Map<String, String> p = monitorOf(target);
            p.put("mail.port", String.valueOf(port));
            p.put("mail.username", "alerts");
            p.put("mail.password", PASSWORD);
            try (RunningMonitor app = RunningMonitor.start(p)) {
                Await.until("the DOWN mail waits in the queue", 8000, () -> queued() == 1);
                Await.until("several failed attempts", 15_000, () -> attempts() >= 3);
                assertEquals(1, queued(), "still queued, not dropped");

                GreenMail smtp = new GreenMail(loopback(port, ServerSetup.PROTOCOL_SMTP));
                smtp.setUser("alerts@bactrian.test", "alerts", PASSWORD);
                smtp.start();
                try {
                    assertTrue(smtp.waitForIncomingEmail(10_000, 1), "delivered after the outage");
                    Await.until("the mail marked sent", 10_000, () -> queued() == 0);
                    assertEquals(1, smtp.getReceivedMessages().length, "exactly once");
                    assertTrue(smtp.getReceivedMessages()[0].getSubject().startsWith("[DOWN] shop: HTTP 500"));
                    assertEquals(0, queued(), "queue drained");
                } finally {
                    smtp.stop();
                }
            }
        }
        String log = TestLog.text();
        assertTrue(log.contains("not delivered to mail, retrying: SMTP 127.0.0.1:" + port), "the failed attempts are logged");
        assertFalse(log.contains(PASSWORD), "the password is never logged");
    }

    /** Mail named in alert.channels is one channel among the others: the DOWN is queued for it and mailed once. */
    @Test
    void mailListedInAlertChannelsGetsEachAlertOnce() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(MonitorProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (TestServer target = TestServer.http((req, out) -> TestServer.respond(out, 500, "down"))) {
            Map<String, String> p = monitorOf(target);
            p.put("mail.host", "127.0.0.1");
            p.put("mail.security", "none");
            p.put("mail.port", String.valueOf(smtp.getSmtp().getPort()));
            p.put("mail.group-wait", "0");
            p.put("alert.channels", "mail");
            try (RunningMonitor app = RunningMonitor.start(p)) {
                assertTrue(smtp.waitForIncomingEmail(20_000, 1), "the DOWN mail");
                // every row for the alert was written before its first mail went out
                try (QueuedAlerts queue = new QueuedAlerts(tmp.resolve("data"))) {
                    Await.until("the DOWN marked sent", 5000, () -> queue.sent("mail") == 1);
                    assertEquals(0, queue.queued("mail"), "queued for mail once");
                }
            }
            assertEquals(1, smtp.getReceivedMessages().length, "one mail");
            assertTrue(smtp.getReceivedMessages()[0].getSubject().startsWith("[DOWN] shop: HTTP 500"),
                    smtp.getReceivedMessages()[0].getSubject());
        } finally {
            smtp.stop();
        }
    }

    @Test
    void aRefusedLoginIsFinalKeptAsFailedAndNotRetried() throws Exception {
        int port = MonitorProcess.freePort();
        GreenMail smtp = new GreenMail(loopback(port, ServerSetup.PROTOCOL_SMTP));
        smtp.setUser("alerts@bactrian.test", "alerts", PASSWORD);
        smtp.start();
        String wrong = "wrong-pw-" + System.nanoTime();
        try (TestServer target = TestServer.http((req, out) -> TestServer.respond(out, 500, "down"));
             QueuedAlerts queue = new QueuedAlerts(tmp.resolve("data"))) {
            Map<String, String> p = monitorOf(target);
            p.put("mail.port", String.valueOf(port));
            p.put("mail.username", "alerts");
            p.put("mail.password", wrong);
            try (RunningMonitor app = RunningMonitor.start(p)) {
                Await.until("the mail kept as failed", 10_000, () -> queue.failed("mail") == 1);
                Thread.sleep(1500); // the point is that nothing comes: a retry would come within this
                assertEquals(1, queue.failed("mail"), "one alert, refused once");
                assertEquals(0, queue.queued("mail"), "not retried");
            }
            assertEquals(0, smtp.getReceivedMessages().length);
        } finally {
            smtp.stop();
        }
        String log = TestLog.text();
        assertTrue(log.contains("not delivered to mail, never retried, kept as failed in the alert queue: SMTP 127.0.0.1:"
                + port + ": 535"), "one clear ERROR line with the server's reply");
        assertFalse(log.contains(wrong), "the password is never logged");
    }

    @Test
    void smtpsVerifiesTheServerCertificate() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create(tmp);
        System.setProperty("greenmail.tls.keystore.file", cert.keystore.toString());
        System.setProperty("greenmail.tls.keystore.password", "changeit");
        int port = MonitorProcess.freePort();
        GreenMail smtps = new GreenMail(loopback(port, ServerSetup.PROTOCOL_SMTPS));
        smtps.start();
        try (TestServer target = TestServer.http((req, out) -> TestServer.respond(out, 500, "down"))) {
            Map<String, String> p = monitorOf(target);
            p.put("mail.security", "ssl");
            p.put("mail.port", String.valueOf(port));
            // first without trusting the certificate: nothing may be sent
            try (RunningMonitor app = RunningMonitor.start(p)) {
                Await.until("queued", 8000, () -> queued() == 1);
                Await.until("two refused attempts", 15_000, () -> attempts() >= 2);
                assertEquals(0, smtps.getReceivedMessages().length, "an untrusted certificate is refused");
            }
            // then trusting it through mail.trust-store: the queued mail goes out over TLS
            p.put("mail.trust-store", cert.keystore.toString());
            p.put("mail.trust-store-password", "changeit");
            try (RunningMonitor app = RunningMonitor.start(p)) {
                assertTrue(smtps.waitForIncomingEmail(10_000, 1), "sent over SMTPS");
                assertTrue(smtps.getReceivedMessages()[0].getSubject().startsWith("[DOWN] shop"));
            }
        } finally {
            smtps.stop();
        }
    }

    @Test
    void starttlsIsRequiredNotDowngradedToCleartext() throws Exception {
        int port = MonitorProcess.freePort();
        GreenMail plain = new GreenMail(loopback(port, ServerSetup.PROTOCOL_SMTP));
        plain.start(); // offers no STARTTLS
        try (TestServer target = TestServer.http((req, out) -> TestServer.respond(out, 500, "down"))) {
            Map<String, String> p = monitorOf(target);
            p.put("mail.security", "starttls");
            p.put("mail.port", String.valueOf(port));
            try (RunningMonitor app = RunningMonitor.start(p)) {
                Await.until("queued", 8000, () -> queued() == 1);
                Await.until("two refused attempts", 15_000, () -> attempts() >= 2);
                assertEquals(0, plain.getReceivedMessages().length, "no cleartext fallback");
                assertEquals(1, queued(), "kept for a later try");
            }
        } finally {
            plain.stop();
        }
    }

    @Test
    void starttlsUpgradesThenSends() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create(tmp);
        int port = MonitorProcess.freePort();
        Wiser server = Wiser.create(SMTPServer.port(port).bindAddress(InetAddress.getByName("127.0.0.1"))
                .startTlsSocketFactory(cert.serverContext).requireTLS());
        server.start();
        try (TestServer target = TestServer.http((req, out) -> TestServer.respond(out, 500, "down"))) {
            Map<String, String> p = monitorOf(target);
            p.put("mail.security", "starttls");
            p.put("mail.port", String.valueOf(port));
            p.put("mail.trust-store", cert.keystore.toString());
            p.put("mail.trust-store-password", "changeit");
            try (RunningMonitor app = RunningMonitor.start(p)) {
                Await.until("sent after STARTTLS", 10_000, () -> !server.getMessages().isEmpty());
            }
            assertTrue(server.getMessages().get(0).getMimeMessage().getSubject().startsWith("[DOWN] shop"));
        } finally {
            server.stop();
        }
    }

    /** A mail server on loopback, given time to start on a busy machine (GreenMail's own limit is 2 s). */
    private static ServerSetup loopback(int port, String protocol) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", protocol);
        setup.setServerStartupTimeout(30_000);
        return setup;
    }

    /** The failed attempts of the alert mail waiting in the alert queue. */
    private int attempts() {
        try (QueuedAlerts queue = new QueuedAlerts(tmp.resolve("data"))) {
            return queue.attempts("mail");
        }
    }

    /** Alert mails waiting in the alert queue. */
    private int queued() {
        try (QueuedAlerts queue = new QueuedAlerts(tmp.resolve("data"))) {
            return queue.queued("mail");
        }
    }
}
