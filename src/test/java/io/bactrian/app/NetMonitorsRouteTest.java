package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.bactrian.testing.StatusApi.find;
import static io.bactrian.testing.StatusApi.get;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bactrian.history.HistoryQueries;
import io.bactrian.history.HistoryStore;
import io.bactrian.testing.Await;
import io.bactrian.testing.Dnsmasq;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.RunningMonitor;
import io.bactrian.testing.SelfSignedCertificate;
import io.bactrian.testing.TestServer;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped tls-cert, tcp-port and dns-check routes switched on against loopback servers:
 * a certificate 10 days from expiry (one NOTICE), a refused port (one DOWN), a real dnsmasq
 * (up); each on the status page and in its JSON API.
 */
class NetMonitorsRouteTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void certificatePortAndDnsMonitorsAlertAndShowOnTheStatusPage() throws Exception {
        SelfSignedCertificate ca = SelfSignedCertificate.authority(tmp);
        SelfSignedCertificate expiring = ca.issue(tmp, "shop", "dns:shop.test", 0, 10);
        int refused;
        try (ServerSocket s = new ServerSocket(0)) {
            refused = s.getLocalPort();
        }
        try (Dnsmasq dns = Dnsmasq.start("--address=/shop.test/127.0.0.5");
             TestServer shop = TestServer.https(expiring.serverContext, (r, out) -> TestServer.respond(out, 200, "ok"))) {
            int port = MonitorProcess.freePort();
            Map<String, String> p = RunningMonitor.quiet(tmp.resolve("data"));
            p.put("mail.host", "");
            p.put("camel.server.enabled", "true");
            p.put("camel.server.port", String.valueOf(port));
            p.put("camel.main.routes-include-pattern", String.join(",", RunningMonitor.projectRoute("tls-cert.yaml"),
                    RunningMonitor.projectRoute("tcp-port.yaml"), RunningMonitor.projectRoute("dns-check.yaml"),
                    RunningMonitor.alertRoutes(), RunningMonitor.projectRoute("status-page.yaml")));
            p.put("tls-cert.host", "127.0.0.1");
            p.put("tls-cert.port", String.valueOf(shop.port()));
            p.put("tls-cert.server-name", "shop.test");
            p.put("tls-cert.trust-store", ca.keystore.toString());
            p.put("tls-cert.trust-store-password", "changeit");
            p.put("tls-cert.cron", "* * * * * ? *");
            p.put("tcp-port.host", "127.0.0.1");
            p.put("tcp-port.port", String.valueOf(refused));
            p.put("tcp-port.failure-threshold", "2");
            p.put("tcp-port.cron", "* * * * * ? *");
            p.put("dns-check.name", "shop.test");
            p.put("dns-check.server", dns.server());
            p.put("dns-check.expect", "127.0.0.5");
            p.put("dns-check.cron", "* * * * * ? *");
            try (RunningMonitor app = RunningMonitor.start(p)) {
                Await.until("a notice and a DOWN", 30_000, () -> subjects().size() >= 2);
                HistoryQueries history = app.context().getRegistry().lookupByNameAndType("history", HistoryStore.class)
                        .queries();
                Await.until("three checks of each", 30_000, () -> history.latest().size() == 3
                        && Stream.of("tls-cert", "tcp-port", "dns-check").allMatch(m -> {
                            try {
                                return history.checks(m, 0).size() >= 3;
                            } catch (Exception e) {
                                return false;
                            }
                        }));
                List<String> subjects = subjects();
                assertEquals(2, subjects.size(), "one notice, one DOWN, nothing per check: " + subjects);
                // whole days left: 9 or 10, as the time of day falls against the certificate's end
                String on = ", on " + java.time.LocalDate.ofInstant(expiring.notAfter, java.time.ZoneOffset.UTC)
                        + " (warning at 14 days)";
                assertTrue(subjects.contains("[NOTICE] tls-cert: certificate of shop.test expires in 9 days" + on)
                        || subjects.contains("[NOTICE] tls-cert: certificate of shop.test expires in 10 days" + on),
                        subjects.toString());
                assertTrue(subjects.stream().anyMatch(s -> s.equals("[DOWN] tcp-port: connection refused to 127.0.0.1:"
                        + refused)), subjects.toString());

                String base = "http://127.0.0.1:" + port;
                JsonNode list = JSON.readTree(get(base + "/api/monitors"));
                assertEquals("up", find(list, "tls-cert").path("state").asText(), list.toString());
                assertEquals("down", find(list, "tcp-port").path("state").asText(), list.toString());
                assertEquals("up", find(list, "dns-check").path("state").asText(), list.toString());
                JsonNode dnsPage = JSON.readTree(get(base + "/api/monitors/dns-check"));
                assertTrue(dnsPage.toString().contains("shop.test"), dnsPage.toString());
                String html = get(base + "/");
                assertTrue(html.contains("tls-cert") && html.contains("tcp-port") && html.contains("dns-check"), html);
            }
        }
    }

    private List<String> subjects() {
        Path sent = tmp.resolve("data/mail/sent");
        if (!Files.isDirectory(sent)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(sent)) {
            return files.filter(f -> f.toString().endsWith(".eml")).sorted().map(f -> {
                try (InputStream in = Files.newInputStream(f)) {
                    return new MimeMessage(Session.getInstance(new Properties()), in).getSubject();
                } catch (IOException | jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
