package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.bactrian.history.HistoryQueries;
import io.bactrian.history.HistoryStore;
import io.bactrian.testing.Await;
import io.bactrian.testing.Dnsmasq;
import io.bactrian.testing.MonitorList;
import io.bactrian.testing.RunningMonitor;
import io.bactrian.testing.SelfSignedCertificate;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One monitor of each network kind in a monitor list, checked by the shipped kind routes against
 * loopback servers, each failing in its own way: each reaches the history under its own id and
 * sends its DOWN to a webhook receiver; the trust store's password never reaches the log.
 */
class KindMonitorsRouteTest {
    @TempDir
    Path tmp;

    @Test
    void eachKindChecksItsMonitorAndSendsItsDown() throws Exception {
        SelfSignedCertificate ca = SelfSignedCertificate.authority(tmp);
        SelfSignedCertificate cert = ca.issue(tmp, "shop", "dns:shop.test", 0, 90);
        int refused;
        try (ServerSocket s = new ServerSocket(0)) {
            refused = s.getLocalPort();
        }
        try (Dnsmasq dns = Dnsmasq.start("--address=/shop.test/127.0.0.5");
             TestServer tls = TestServer.https(cert.serverContext, (r, out) -> TestServer.respond(out, 200, "ok"));
             TestServer page = TestServer.answering(200, "<ul><li>redesigned</li></ul>", "Content-Type: text/html");
             TestServer site = TestServer.answering(503, "busy");
             TestServer exporter = TestServer.answering(200, "# TYPE node_load1 gauge\nnode_load1 7.5\n",
                     "Content-Type: text/plain; version=0.0.4");
             TestServer hook = TestServer.answering(200, "ok")) {
            String yaml = """
                    defaults:
                      cron: "* * * * * ? *"
                      failure-threshold: 1
                    monitors:
                      - id: ssh
                        kind: tcp
                        host: 127.0.0.1
                        port: %d
                      - id: shop-cert
                        kind: tls-cert
                        host: 127.0.0.1
                        port: %d
                        server-name: other.test
                        trust-store: %s
                        trust-store-password: changeit
                      - id: shop-dns
                        kind: dns
                        name: shop.test
                        server: %s
                        expect: 127.0.0.9
                      - id: chapters
                        kind: page-watch
                        url: %s
                        select: "ol.chapters a"
                      - id: shop-speed
                        kind: speed-test
                        url: %s
                        nodes: nodes/local.yaml
                      - id: box
                        kind: metrics
                        url: %s
                        thresholds: "node_load1 > 4"
                    """.formatted(refused, tls.port(), ca.keystore, dns.server(), page.url("/novel"), site.url("/"),
                    exporter.url("/metrics"));
            Map<String, String> p = MonitorList.app(tmp, yaml, "tcp-monitors.yaml", "tls-cert-monitors.yaml",
                    "dns-monitors.yaml", "page-watch-monitors.yaml", "speed-test-monitors.yaml", "metrics-monitors.yaml");
            RunningMonitor.webhookChannel(p, hook.url("/hook"));
            int logStart = MonitorList.log().length();
            List<String> ids = List.of("ssh", "shop-cert", "shop-dns", "chapters", "shop-speed", "box");
            try (RunningMonitor app = RunningMonitor.start(p)) {
                Await.until("a DOWN of each monitor at the webhook", 60_000, () -> ids.stream().allMatch(id -> downs(hook, id)));
                HistoryQueries history = app.context().getRegistry().lookupByNameAndType("history", HistoryStore.class)
                        .queries();
                Await.until("each monitor in the history", 20_000, () -> history.latest().keySet().containsAll(ids));
                Map<String, String> reasons = Map.of("ssh", "connection refused", "shop-cert", "other.test",
                        "shop-dns", "127.0.0.5", "chapters", "nothing on the page matches", "shop-speed", "unexpected status",
                        "box", "node_load1");
                reasons.forEach((id, reason) -> {
                    var check = history.latest().get(id);
                    assertFalse(check.up(), id + ": " + check);
                    assertTrue(String.valueOf(check.reason()).contains(reason), id + ": " + check);
                });
            }
            assertFalse(MonitorList.log().substring(logStart).contains("changeit"), "the trust store password is not logged");
        }
    }

    private static boolean downs(TestServer hook, String id) {
        return hook.requests().stream().anyMatch(r -> r.body().contains("\"monitor\":\"" + id + "\"")
                && r.body().contains("\"status\":\"firing\""));
    }
}
