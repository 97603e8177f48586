package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bactrian.migrate.MigrateCommand;
import io.bactrian.testing.Await;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.MonitorProcess.Result;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project with monitors written the old way, one templatedRoute of http-status each:
 * validate points at migrate-monitors, which moves them into monitors/migrated.yaml and out of
 * the route file (comments and other entries kept, the file backed up); then validate is clean
 * and the kind route checks the same monitors under the same ids.
 */
class MigrateMonitorsTest {
    private static final List<String> IDS = List.of("shop", "blog", "api");

    @TempDir
    Path dir;

    private static String sites(TestServer target) {
        return """
                # Our sites, one entry each.
                - templatedRoute:
                    routeTemplateRef: "http-status"
                    routeId: "shop"
                    parameters:
                      - { name: "url", value: "{{shop.url}}" }
                      - { name: "cron", value: "* * * * * ? *" }
                      - { name: "failureThreshold", value: "2" }

                # the page the sites link to
                - route:
                    id: "site-index"
                    from:
                      uri: "platform-http:/sites"
                      steps:
                        - setBody:
                            constant: "shop, blog, api"
                - templatedRoute:
                    routeTemplateRef: "http-status"
                    routeId: "blog"
                    parameters:
                      - name: "url"
                        value: "%s"
                      - name: "cron"
                        value: "* * * * * ? *"
                      - name: "expectStatus"
                        value: "200,301"
                      - name: "connectTimeout"
                        value: "1500"
                # the API answers slowly
                - templatedRoute:
                    routeTemplateRef: "http-status"
                    routeId: "api"
                    parameters:
                      - { name: "url", value: "%s" }
                      - { name: "cron", value: "* * * * * ? *" }
                      - { name: "timeout", value: "5000" }
                      - { name: "verifyTls", value: "false" }
                """.formatted(target.url("/blog"), target.url("/api"));
    }

    private Result migrate(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.add(dir.resolve("application.properties").toString());
        int code = MigrateCommand.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8).lines().toList(),
                err.toString(StandardCharsets.UTF_8).lines().toList());
    }

    /** The ids /api/monitors lists; none while the server is not up yet. */
    private static Set<String> monitorIds(int port) {
        Set<String> ids = new TreeSet<>();
        try {
            for (JsonNode monitor : new ObjectMapper().readTree(HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/monitors")).build(),
                    HttpResponse.BodyHandlers.ofString()).body())) {
                ids.add(monitor.path("id").asText());
            }
        } catch (java.io.IOException e) {
            return ids;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ids;
    }

    @Test
    void templatedRoutesMoveToAMonitorListAndRunFromTheKindRoute() throws Exception {
        MonitorProcess.copyProject(dir);
        try (TestServer target = TestServer.answering(200, "ok")) {
            Path sites = dir.resolve("routes/sites.yaml");
            String original = sites(target);
            Files.writeString(sites, original);
            MonitorProcess.setProperty(dir, "shop.url", target.url("/shop"));

            String before = MonitorProcess.validate(dir);
            assertTrue(before.startsWith("0\n"), before);
            assertTrue(before.contains("\nwarning: routes/sites.yaml: 3 monitors as templatedRoute of http-status:"
                    + " 'migrate-monitors' moves them to monitors/migrated.yaml (one route for all, see README)\n"), before);

            Result dry = migrate("--dry-run");
            assertEquals(0, dry.exitCode(), dry.toString());
            String yaml = dry.out() + "\n";
            assertTrue(yaml.contains("\nmonitors:\n  - id: \"shop\"\n    url: \"{{shop.url}}\"\n"
                    + "    cron: \"* * * * * ? *\"\n    failure-threshold: \"2\"\n"), dry.toString());
            assertTrue(yaml.contains("    expect-status: \"200,301\"\n    connect-timeout: \"1500\"\n"), dry.toString());
            assertTrue(yaml.contains("    timeout: \"5000\"\n    verify-tls: \"false\"\n"), dry.toString());
            assertTrue(yaml.contains("\ndefaults:\n  kind: \"http\"\n  cron: \"0 */1 * * * ? *\"\n"), dry.toString());
            assertEquals(original, Files.readString(sites), "a dry run changes nothing");
            assertFalse(Files.exists(dir.resolve(MigrateCommand.TARGET)), "a dry run writes nothing");

            Result done = migrate();
            assertEquals(0, done.exitCode(), done.toString());
            assertEquals(List.of("monitors/migrated.yaml: 3 monitor(s) written: shop, blog, api",
                    "routes/sites.yaml: 3 templatedRoute(s) of http-status removed (was kept as routes/sites.yaml.bak)"),
                    done.stdout(), done.toString());
            assertEquals(yaml, Files.readString(dir.resolve(MigrateCommand.TARGET)), "what the dry run showed");
            assertEquals(original, Files.readString(dir.resolve("routes/sites.yaml.bak")));
            assertEquals("""
                    # Our sites, one entry each.

                    # the page the sites link to
                    - route:
                        id: "site-index"
                        from:
                          uri: "platform-http:/sites"
                          steps:
                            - setBody:
                                constant: "shop, blog, api"
                    # the API answers slowly
                    """, Files.readString(sites), "comments and the other entry kept");

            String after = MonitorProcess.validate(dir);
            assertEquals("0\nconfiguration is valid\n", after, "no problem and no warning after the migration");
            Result again = migrate();
            assertEquals(0, again.exitCode(), again.toString());
            assertEquals(List.of("no templatedRoute of http-status in the route files: nothing to migrate"), again.stdout());

            int port = MonitorProcess.freePort();
            try (MonitorProcess app = MonitorProcess.start(dir, List.of("-Dcamel.server.port=" + port))) {
                Await.until("one check of each moved monitor", 60000, () -> Set.copyOf(target.requests().stream()
                        .map(TestServer.Request::target).toList()).containsAll(List.of("/shop", "/blog", "/api")));
                Await.until("the moved monitors in the status API", 30000, () -> monitorIds(port).containsAll(IDS));
                assertTrue(app.awaitStdout(l -> l.contains("shop UP"), Duration.ofSeconds(30)).isPresent(),
                        app.stdoutText());
                assertFalse(app.stdoutText().contains("templatedRoute"), app.stdoutText());
            }
        }
    }

    /** The moved monitors must be read where they go, or they would silently stop being checked. */
    @Test
    void nothingMovesWhereTheMonitorListsAreNotRead() throws Exception {
        MonitorProcess.copyProject(dir);
        try (TestServer target = TestServer.answering(200, "ok")) {
            String original = sites(target);
            Files.writeString(dir.resolve("routes/sites.yaml"), original);
            MonitorProcess.setProperty(dir, "shop.url", target.url("/shop"));
            MonitorProcess.setProperty(dir, "monitors.files", "lists/*.yaml");
            Result refused = migrate();
            assertEquals(2, refused.exitCode(), refused.toString());
            assertEquals(List.of("application.properties: monitors.files: 'lists/*.yaml' does not take in"
                    + " monitors/migrated.yaml: the moved monitors would not run; add it", "nothing migrated"),
                    refused.stderr(), refused.toString());
            assertEquals(original, Files.readString(dir.resolve("routes/sites.yaml")));
            assertFalse(Files.exists(dir.resolve(MigrateCommand.TARGET)));
        }
    }
}
