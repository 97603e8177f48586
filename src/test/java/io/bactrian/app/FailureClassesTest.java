package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.bactrian.testing.Await;
import io.bactrian.testing.QueuedAlerts;
import io.bactrian.testing.RunningMonitor;
import io.bactrian.testing.SelfSignedCertificate;
import io.bactrian.testing.TestServer;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several monitors made from the shipped http-status template, side by side, each against a
 * target that fails in its own way: each DOWN mail says which failure it was.
 */
class FailureClassesTest {
    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(
            new ServerSetup(RunningMonitor.SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @TempDir
    Path tmp;

    @Test
    void everyFailureIsClassifiedInItsAlert() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create(tmp);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        try (TestServer hang = TestServer.raw(socket -> Thread.sleep(60_000));
             TestServer error = TestServer.http((req, out) -> TestServer.respond(out, 503, "busy"));
             TestServer tls = TestServer.https(cert.serverContext, (req, out) -> TestServer.respond(out, 200, "ok"))) {
            String sites = """
                    - templatedRoute:
                        routeTemplateRef: "http-status"
                        routeId: "hangs"
                        parameters:
                          - { name: "url", value: "%s" }
                          - { name: "timeout", value: "700" }
                          - { name: "cron", value: "* * * * * ? *" }
                          - { name: "failureThreshold", value: "1" }
                    - templatedRoute:
                        routeTemplateRef: "http-status"
                        routeId: "refused"
                        parameters:
                          - { name: "url", value: "http://127.0.0.1:%d/" }
                          - { name: "cron", value: "* * * * * ? *" }
                          - { name: "failureThreshold", value: "1" }
                    - templatedRoute:
                        routeTemplateRef: "http-status"
                        routeId: "no-dns"
                        parameters:
                          - { name: "url", value: "http://nosuch.invalid/" }
                          - { name: "cron", value: "* * * * * ? *" }
                          - { name: "failureThreshold", value: "1" }
                    - templatedRoute:
                        routeTemplateRef: "http-status"
                        routeId: "self-signed"
                        parameters:
                          - { name: "url", value: "%s" }
                          - { name: "cron", value: "* * * * * ? *" }
                          - { name: "failureThreshold", value: "1" }
                    - templatedRoute:
                        routeTemplateRef: "http-status"
                        routeId: "self-signed-trusted"
                        parameters:
                          - { name: "url", value: "%s" }
                          - { name: "verifyTls", value: "false" }
                          - { name: "cron", value: "* * * * * ? *" }
                          - { name: "failureThreshold", value: "1" }
                    - templatedRoute:
                        routeTemplateRef: "http-status"
                        routeId: "busy"
                        parameters:
                          - { name: "url", value: "%s" }
                          - { name: "expectStatus", value: "2xx,301-302" }
                          - { name: "cron", value: "* * * * * ? *" }
                          - { name: "failureThreshold", value: "1" }
                    """.formatted(hang.url("/"), closedPort, tls.url("/"), tls.url("/trusted"), error.url("/"));
            Map<String, String> p = RunningMonitor.quiet(tmp.resolve("data"));
            p.put("camel.main.routes-include-pattern", RunningMonitor.routeFile(tmp.resolve("routes"), "sites.yaml", sites)
                    + "," + RunningMonitor.projectRoute("http-status-template.yaml")
                    + "," + RunningMonitor.alertRoutes());
            try (RunningMonitor app = RunningMonitor.start(p)) {
                assertTrue(mail.waitForIncomingEmail(10_000, 5), "five DOWN mails");
                // two more rounds of checks, and what they decided has gone out
                int checks = error.requests().size();
                Await.until("two more rounds", 15_000, () -> error.requests().size() >= checks + 2);
                try (QueuedAlerts queue = new QueuedAlerts(tmp.resolve("data"))) {
                    Await.until("the alert queue drained", 15_000, () -> queue.queued("mail") == 0);
                }
            }
            assertTrue(tls.requests().stream().anyMatch(r -> r.target().equals("/trusted")),
                    "the monitor that opted out of verification was answered");
        }

        Map<String, String> bySubject = new TreeMap<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            String plain = (String) ((Multipart) m.getContent()).getBodyPart(0).getContent();
            bySubject.put(m.getSubject(), plain);
        }
        assertEquals(5, bySubject.size(), "one DOWN per failing monitor, nothing for the trusted one: " + bySubject.keySet());
        assertFailure(bySubject, "hangs", "timeout", "700 ms");
        assertFailure(bySubject, "refused", "connection refused", "127.0.0.1");
        assertFailure(bySubject, "no-dns", "DNS failure", "nosuch.invalid");
        assertFailure(bySubject, "self-signed", "TLS error", "certificate");
        assertFailure(bySubject, "busy", "unexpected status", "HTTP 503 (expected 2xx,301-302)");
    }

    private static void assertFailure(Map<String, String> bySubject, String monitor, String failure, String reasonPart) {
        String plain = bySubject.entrySet().stream().filter(e -> e.getKey().startsWith("[DOWN] " + monitor + ": "))
                .map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no DOWN mail for " + monitor + " in " + bySubject.keySet()));
        assertTrue(plain.contains("Failure: " + failure + "\r\n"), monitor + ": " + plain);
        String reason = Arrays.stream(plain.split("\r\n")).filter(l -> l.startsWith("Reason: ")).findFirst().orElse("");
        assertTrue(reason.contains(reasonPart), monitor + ": " + reason);
    }
}
