package io.bactrian.probe.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bactrian.testing.Await;
import io.bactrian.testing.LocalOutbox;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.RunningMonitor;
import io.bactrian.testing.TestServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped server-metrics route: against a metrics endpoint the test serves, whose disk and
 * CPU figures change so the thresholds trip and recover; and against Debian's real
 * node_exporter, whose figures must agree with what this JVM reads of the same machine.
 */
class ServerMetricsRouteTest {
    static final Path NODE_EXPORTER = Path.of("/usr/bin/prometheus-node-exporter");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;

    /** A host whose CPU is idle {@code idleShare} of the time and whose /data disk has {@code freeGb} of 100 GB free. */
    static final class FakeHost {
        volatile double idleShare = 0.8;
        volatile double freeGb = 50;
        private double idle;
        private double user;
        private long last = System.nanoTime();

        synchronized String metrics() {
            long now = System.nanoTime();
            double dt = (now - last) / 1e9;
            last = now;
            idle += dt * idleShare;
            user += dt * (1 - idleShare);
            return String.format(Locale.ROOT, """
                    # TYPE node_cpu_seconds_total counter
                    node_cpu_seconds_total{cpu="0",mode="idle"} %.3f
                    node_cpu_seconds_total{cpu="0",mode="user"} %.3f
                    # TYPE node_filesystem_avail_bytes gauge
                    node_filesystem_avail_bytes{device="/dev/sdb1",fstype="xfs",mountpoint="/data"} %.0f
                    node_filesystem_avail_bytes{device="/dev/sda1",fstype="ext4",mountpoint="/"} 4e+10
                    node_filesystem_avail_bytes{device="tmpfs",fstype="tmpfs",mountpoint="/run"} 0
                    node_filesystem_size_bytes{device="/dev/sdb1",fstype="xfs",mountpoint="/data"} 1e+11
                    node_filesystem_size_bytes{device="/dev/sda1",fstype="ext4",mountpoint="/"} 5e+10
                    node_filesystem_size_bytes{device="tmpfs",fstype="tmpfs",mountpoint="/run"} 1e+08
                    node_memory_MemAvailable_bytes 6e+09
                    node_memory_MemTotal_bytes 8e+09
                    """, idle, user, freeGb * 1e9);
        }
    }

    private Map<String, String> settings(String url, int serverPort) {
        Map<String, String> p = RunningMonitor.quiet(tmp.resolve("data"));
        p.put("mail.host", ""); // alert mails stay in the local outbox
        p.put("camel.server.enabled", "true");
        p.put("camel.server.port", String.valueOf(serverPort));
        p.put("camel.main.routes-include-pattern", RunningMonitor.projectRoute("server-metrics.yaml") + ","
                + RunningMonitor.alertRoutes() + "," + RunningMonitor.projectRoute("status-page.yaml"));
        p.put("server-metrics.url", url);
        p.put("server-metrics.cron", "* * * * * ? *");
        p.put("server-metrics.failure-threshold", "2");
        p.put("server-metrics.success-threshold", "2");
        return p;
    }

    @Test
    void diskFillingUpAndBusyCpuAreMailedWithTheirLabelsAndResolved() throws Exception {
        FakeHost host = new FakeHost();
        try (TestServer exporter = TestServer.http((req, out) -> TestServer.respond(out, 200, host.metrics(),
                "Content-Type: text/plain; version=0.0.4"))) {
            int port = MonitorProcess.freePort();
            // the shipped default thresholds: CPU busy > 90 %, memory available < 10 %, disk free < 10 %
            try (RunningMonitor app = RunningMonitor.start(settings(exporter.url("/metrics"), port))) {
                LocalOutbox outbox = new LocalOutbox(tmp.resolve("data"));
                Await.until("a few scrapes", 20_000, () -> exporter.requests().size() >= 4);
                assertEquals(0, outbox.count("server-metrics", "DOWN"), "a healthy host raises nothing");

                host.freeGb = 4; // /data: 4 % free
                host.idleShare = 0.03; // 97 % busy
                MimeMessage down = outbox.await("server-metrics", "DOWN", 1, 20_000);
                String text = LocalOutbox.text(down);
                System.out.println(down.getSubject() + "\n" + text);
                assertTrue(down.getSubject().startsWith("[DOWN] server-metrics: "), down.getSubject());
                assertTrue(text.contains("Failure: metric threshold"), text);
                assertTrue(text.contains("Threshold | Series | Value | Result"), text);
                assertTrue(text.lines().anyMatch(l -> l.matches("node_filesystem_avail_bytes\\{fstype!~.*\\| "
                        + "\\{device=\"/dev/sdb1\", fstype=\"xfs\", mountpoint=\"/data\"} \\| 4 \\| 4 < 10")), text);
                Matcher cpu = Pattern.compile("100 \\* \\(1 - avg\\(rate\\(node_cpu_seconds_total\\{mode=\"idle\"}\\)\\)\\) > 90"
                        + " \\| \\{} \\| ([0-9.]+) \\| [0-9.]+ > 90").matcher(text);
                assertTrue(cpu.find(), text);
                assertEquals(97, Double.parseDouble(cpu.group(1)), 1.5, "CPU busy from the counter's rate");
                assertTrue(text.lines().anyMatch(l -> l.contains("mountpoint=\"/\"} | 80 | ok")), "healthy rows too: " + text);
                assertTrue(text.lines().noneMatch(l -> l.contains("fstype=\"tmpfs\"")), "tmpfs is left out by the default: " + text);
                assertTrue(LocalOutbox.html(down).contains("<th>Series</th>"));

                // the status page lists the monitor as down, with the reason
                JsonNode list = new ObjectMapper().readTree(HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/monitors")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                JsonNode monitor = list.get(0);
                assertEquals("server-metrics", monitor.path("id").asText(), list.toString());
                assertEquals("down", monitor.path("state").asText());
                assertTrue(monitor.path("reason").asText().contains("mountpoint=\"/data\""), monitor.toString());
                assertTrue(monitor.path("latencyMs").asDouble() > 0, "the scrape's time: " + monitor);

                host.freeGb = 30;
                host.idleShare = 0.5;
                MimeMessage resolved = outbox.await("server-metrics", "RESOLVED", 1, 20_000);
                assertTrue(resolved.getSubject().startsWith("[RESOLVED] server-metrics is up again after"),
                        resolved.getSubject());
                assertEquals(1, outbox.count("server-metrics", "DOWN"), "one DOWN for the incident");
            }
        }
    }

    @Test
    void realNodeExporterFiguresAgreeWithTheMachine() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(NODE_EXPORTER),
                "needs the Debian package prometheus-node-exporter (apt-get install prometheus-node-exporter)");
        int exporterPort = MonitorProcess.freePort();
        Process exporter = new ProcessBuilder(NODE_EXPORTER.toString(), "--web.listen-address=127.0.0.1:" + exporterPort)
                .redirectErrorStream(true).redirectOutput(tmp.resolve("node-exporter.log").toFile()).start();
        try {
            String url = "http://127.0.0.1:" + exporterPort + "/metrics";
            Await.until("node_exporter to listen", 10_000, () -> {
                try {
                    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (Exception e) {
                    return false;
                }
            });
            Map<String, String> p = settings(url, MonitorProcess.freePort());
            // thresholds every machine meets, so the alert shows the figures
            p.put("server-metrics.thresholds", "100 * (1 - avg(rate(node_cpu_seconds_total{mode=\"idle\"}))) >= 0; "
                    + "node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes * 100 <= 100; "
                    + "node_filesystem_avail_bytes{mountpoint=\"/\"} / node_filesystem_size_bytes{mountpoint=\"/\"} * 100 <= 100");
            FileStore root = Files.getFileStore(Path.of("/"));
            try (RunningMonitor app = RunningMonitor.start(p)) {
                MimeMessage down = new LocalOutbox(tmp.resolve("data")).await("server-metrics", "DOWN", 1, 30_000);
                double javaDiskFree = 100.0 * root.getUsableSpace() / root.getTotalSpace();
                double memAvailable = meminfoAvailablePercent();
                String text = LocalOutbox.text(down);
                System.out.println(text);
                double cpu = value(text, "100 \\* \\(1 - avg\\(rate\\(node_cpu_seconds_total\\{mode=\"idle\"}\\)\\)\\) >= 0 \\| \\{}");
                assertTrue(cpu >= 0 && cpu <= 100, "CPU busy % from two real scrapes: " + cpu);
                assertEquals(memAvailable, value(text, "node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes \\* 100 <= 100"
                        + " \\| \\{}"), 5, "memory available %, as /proc/meminfo says");
                assertEquals(javaDiskFree, value(text, "node_filesystem_avail_bytes\\{mountpoint=\"/\"}.* \\| \\{device=\"[^\"]+\", "
                        + "fstype=\"[^\"]+\", mountpoint=\"/\"}"), 1, "disk free % of /, as the JVM reads it");
            }
        } finally {
            exporter.destroy();
            exporter.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static double value(String text, String rowStart) {
        Matcher m = Pattern.compile("(?m)^" + rowStart + " \\| ([0-9.]+) \\|").matcher(text);
        assertTrue(m.find(), "a row " + rowStart + " in\n" + text);
        return Double.parseDouble(m.group(1));
    }

    private static double meminfoAvailablePercent() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("/proc/meminfo"));
        return 100.0 * kb(lines, "MemAvailable:") / kb(lines, "MemTotal:");
    }

    private static long kb(List<String> lines, String key) {
        return lines.stream().filter(l -> l.startsWith(key)).map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst()
                .orElseThrow();
    }
}
