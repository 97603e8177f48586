package io.bactrian.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.bactrian.testing.Await;
import io.bactrian.testing.MonitorProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The route files and application.properties run under Camel JBang's runtime (camel-kamelet-main
 * 4.18.0, started as {@code camel run routes/*.yaml application.properties} starts it), with
 * the project's classes as the dependency and its configuration class named by a property:
 * the routes start, the demo monitor probes and its checks are recorded.
 */
class CamelRunTest {
    @TempDir
    Path dir;

    /** camel-kamelet-main's classpath, resolved by Maven from src/test/resources/camel-run/pom.xml. */
    private String kameletMainClasspath() throws Exception {
        Path out = dir.resolve("camel-run.classpath");
        String maven = System.getProperty("os.name").startsWith("Windows") ? "mvn.cmd" : "mvn";
        Process mvn = new ProcessBuilder(maven, "-B", "-q", "-f", "src/test/resources/camel-run/pom.xml",
                "dependency:build-classpath", "-Dmdep.outputFile=" + out).redirectErrorStream(true).start();
        String output = new String(mvn.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(mvn.waitFor(5, TimeUnit.MINUTES), "mvn still running");
        assertEquals(0, mvn.exitValue(), output);
        return Files.readString(out).trim();
    }

    @Test
    void theRoutesRunUnderCamelRun() throws Exception {
        String classpath = System.getProperty("java.class.path") + File.pathSeparator + kameletMainClasspath();
        Path project = Files.createDirectories(dir.resolve("project"));
        MonitorProcess.copyProject(project);
        List<String> args = new ArrayList<>();
        try (Stream<Path> routes = Files.list(project.resolve("routes"))) {
            routes.map(r -> "routes/" + r.getFileName()).sorted().forEach(args::add); // the shell's routes/*.yaml
        }
        int port = MonitorProcess.freePort();
        args.addAll(List.of("application.properties",
                "--prop", "camel.main.configuration-classes=io.bactrian.config.MonitorConfiguration",
                "--prop", "camel.server.port=" + port));
        try (MonitorProcess camel = MonitorProcess.start(project, classpath, CamelRunLauncher.class.getName(),
                List.of(), Map.of(), args.toArray(String[]::new))) {
            assertTrue(camel.awaitStdout(l -> l.contains("Apache Camel (JBang)") && l.contains("is starting"),
                    Duration.ofSeconds(60)).isPresent(), camel.stdoutText());
            HttpClient http = HttpClient.newHttpClient();
            try {
                Await.until("the demo monitor's checks on /api/monitors", 120_000, () -> {
                    try {
                        HttpResponse<String> monitors = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/monitors")).timeout(Duration.ofSeconds(5))
                                .build(), HttpResponse.BodyHandlers.ofString());
                        return monitors.statusCode() == 200 && monitors.body().contains("\"demo-site\"");
                    } catch (Exception notYet) {
                        return false;
                    }
                });
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; output:\n" + camel.stdoutText(), e);
            }
            assertTrue(camel.awaitStdout(l -> l.contains("demo-site") && l.contains("UP"), Duration.ofSeconds(120))
                    .isPresent(), camel.stdoutText());
        }
    }
}
