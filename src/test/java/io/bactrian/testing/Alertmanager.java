package io.bactrian.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Debian package's Prometheus Alertmanager on a free loopback port, with its own storage
 * folder, no cluster gossip, and a configuration of its own: one receiver that notifies nobody.
 */
public final class Alertmanager implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
    /** The skip message of tests that need it, as .ci/run looks for it. */
    public static final String NEEDED = "needs the Debian package prometheus-alertmanager"
            + " (apt-get install prometheus-alertmanager)";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final String url;

    private Alertmanager(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Started and ready, ending alerts posted without an end after {@code resolveTimeout}. */
    public static Alertmanager start(Path dir, Duration resolveTimeout) throws Exception {
        Files.createDirectories(dir);
        Path config = Files.writeString(dir.resolve("alertmanager.yml"), "global:\n  resolve_timeout: "
                + resolveTimeout.toMillis() + "ms\nroute:\n  receiver: nobody\nreceivers:\n  - name: nobody\n");
        String address = "127.0.0.1:" + MonitorProcess.freePort();
        Process process = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=" + address,
                "--cluster.listen-address=").redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        Alertmanager alertmanager = new Alertmanager(process, "http://" + address);
        try {
            Await.until("Alertmanager to be ready", 15_000, () -> alertmanager.status("/-/ready") == 200);
        } catch (AssertionError e) {
            alertmanager.close();
            throw new AssertionError(e.getMessage() + ": " + Files.readString(dir.resolve("alertmanager.log")));
        }
        return alertmanager;
    }

    /** Its base URL, as channel.alertmanager.base-url takes it. */
    public String url() {
        return url;
    }

    /** The alerts it holds active now (GET /api/v2/alerts): not ended, whether notified or not. */
    public JsonNode alerts() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v2/alerts"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET /api/v2/alerts: HTTP " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("GET /api/v2/alerts: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The active alert with this {@code alertname} and {@code monitor} label, or null. */
    public JsonNode active(String alertname, String monitor) {
        for (JsonNode alert : alerts()) {
            JsonNode labels = alert.get("labels");
            if (alertname.equals(labels.path("alertname").asText()) && monitor.equals(labels.path("monitor").asText())
                    && "active".equals(alert.path("status").path("state").asText())) {
                return alert;
            }
        }
        return null;
    }

    private int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
