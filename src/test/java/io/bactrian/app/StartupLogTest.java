package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.bactrian.testing.MonitorProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the log says while the shipped configuration starts and its route files are edited:
 * the pages at the address the server really listens on, no line per route from Quartz on a
 * reload, and readiness that covers the history database.
 */
class StartupLogTest {
    @TempDir
    Path dir;

    @Test
    void theLogNamesTheRealAddressAndAReloadAddsNoQuartzNoise() throws Exception {
        MonitorProcess.copyProject(dir);
        int port = MonitorProcess.freePort();
        String base = "http://127.0.0.1:" + port;
        // the shipped logging configuration, not the tests' own
        String logging = "-Dlog4j2.configurationFile=" + Path.of("src/main/resources/log4j2.properties").toAbsolutePath();
        try (MonitorProcess app = MonitorProcess.start(dir, List.of("-Dcamel.server.port=" + port, logging))) {
            assertTrue(app.awaitStdout(l -> l.endsWith("HTTP endpoints, listening on " + base + ":"), Duration.ofSeconds(30))
                    .isPresent(), app.stdoutText());
            assertTrue(app.awaitStdout(l -> l.contains("    " + base + "/observe/health/ready") && l.endsWith("(GET)"),
                    Duration.ofSeconds(30)).isPresent(), app.stdoutText());

            HttpResponse<String> ready = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(base + "/observe/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("history-database"), "readiness covers the history database: " + ready.body());

            for (String file : List.of("routes/demo-site.yaml", "routes/http-monitors.yaml")) {
                MonitorProcess.edit(dir, file, y -> y + "\n# edited while running\n");
                assertTrue(app.awaitStdout(l -> l.contains(file + " changed: "), Duration.ofSeconds(60)).isPresent(),
                        "reloaded after " + file + " changed:\n" + app.stdoutText());
            }
            String log = app.stdoutText();
            assertFalse(log.contains("0.0.0.0"), "the server listens on 127.0.0.1 only:\n" + log);
            assertFalse(log.contains("has already been started"), log);
        }
    }
}
