package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.bactrian.testing.Await;
import io.bactrian.testing.MonitorList;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.RunningMonitor;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With Camel's tracer on, which logs every exchange with its headers, no secret reaches the log:
 * not the status page's password nor the probe API's token in a request's Authorization header
 * (nor in a log step that shows the headers), not a monitor's database password, not the
 * webhook's signing secret; nor does the route dump.
 */
class SecretsNotLoggedTest {
    private static final String PAGE_PASSWORD = "page-pw-7c41d";
    private static final String PROBE_TOKEN = "probe-token-2b9e0";
    private static final String DB_PASSWORD = "db-pw-5a3f8";
    private static final String WEBHOOK_SECRET = "webhook-secret-91d6";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    @Test
    void tracedExchangesShowNoSecret() throws Exception {
        int closed = MonitorProcess.freePort(); // the monitored database is down: its check fails
        try (TestServer target = TestServer.answering(503, "down"); TestServer webhook = TestServer.answering(200, "ok")) {
            String yaml = """
                    monitors:
                      - { id: shop, kind: http, cron: "* * * * * ? *", url: "%s", failure-threshold: 1 }
                      - { id: shop-db, kind: db-load, cron: "* * * * * ? *", failure-threshold: 1,
                          jdbc-url: "jdbc:postgresql://127.0.0.1:%d/shop", password: "%s" }
                    """.formatted(target.url("/"), closed, DB_PASSWORD);
            Map<String, String> p = MonitorList.app(tmp, yaml, "http-monitors.yaml", "db-load-monitors.yaml");
            RunningMonitor.webhookChannel(p, webhook.url("/hook"));
            p.put("channel.webhook.secret", WEBHOOK_SECRET);
            int port = RunningMonitor.server(p);
            p.put("status-page.password", PAGE_PASSWORD);
            p.put("probe-api.token", PROBE_TOKEN);
            String echo = RunningMonitor.routeFile(tmp.resolve("routes"), "echo.yaml", """
                    - route:
                        id: "echo"
                        from:
                          uri: "platform-http:/echo"
                          steps:
                            - log: "echo headers: ${headers}"
                    """);
            p.put("camel.main.routes-include-pattern", String.join(",", p.get("camel.main.routes-include-pattern"),
                    RunningMonitor.projectRoute("status-page.yaml"), RunningMonitor.projectRoute("probe-api.yaml"), echo));
            p.put("camel.main.tracing", "true");
            String login = "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + PAGE_PASSWORD).getBytes(StandardCharsets.UTF_8));
            int logStart = MonitorList.log().length();
            try (RunningMonitor app = RunningMonitor.start(p)) {
                String base = "http://127.0.0.1:" + port;
                assertEquals(200, send(HttpRequest.newBuilder(URI.create(base + "/api/monitors"))
                        .header("Authorization", login).build()).statusCode(), "the login is taken");
                send(HttpRequest.newBuilder(URI.create(base + "/api/probe")).header("Authorization", "Bearer " + PROBE_TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
                send(HttpRequest.newBuilder(URI.create(base + "/echo")).header("Authorization", login).build());
                Await.until("both DOWN alerts signed and posted to the webhook", 60_000, () -> {
                    String signed = String.join("\n", webhook.requests().stream()
                            .filter(r -> r.headers().containsKey("x-signature")).map(TestServer.Request::body).toList());
                    return signed.contains("\"monitor\":\"shop\"") && signed.contains("\"monitor\":\"shop-db\"");
                });
            }
            String log = MonitorList.log().substring(logStart);
            // the server gives header names in lower case
            assertTrue(log.contains("[from[platform-http:/api/probe?htt] Exchange[") && log.contains("authorization=xxxxx"),
                    "the tracer showed the requests' headers, masked");
            assertTrue(log.contains("echo headers: {authorization=xxxxx"), "the log step showed them, masked");
            for (String secret : List.of(PAGE_PASSWORD, login.substring("Basic ".length()), PROBE_TOKEN, DB_PASSWORD,
                    WEBHOOK_SECRET)) {
                assertFalse(log.contains(secret), secret + " in the log");
            }
        }
    }

    /**
     * {@code camel.main.dump-routes} writes the routes with their placeholders resolved, into the
     * log and into the files of {@code dump-routes-output}: a password parameter shows masked.
     */
    @Test
    void theRouteDumpShowsNoSecret() throws Exception {
        Map<String, String> p = RunningMonitor.quiet(tmp.resolve("data"));
        p.put("camel.main.routes-include-pattern", String.join(",", RunningMonitor.projectRoute("postgres-load.yaml"),
                RunningMonitor.projectRoute("check-outcome.yaml"), RunningMonitor.alertRoutes()));
        p.put("postgres-load.jdbc-url", "jdbc:postgresql://127.0.0.1:" + MonitorProcess.freePort() + "/shop");
        p.put("postgres-load.password", DB_PASSWORD);
        p.put("camel.main.dump-routes", "xml");
        Path dumps = tmp.resolve("dumps");
        p.put("camel.main.dump-routes-output", dumps.toString());
        int logStart = MonitorList.log().length();
        try (RunningMonitor app = RunningMonitor.start(p)) {
            String log = MonitorList.log().substring(logStart);
            assertTrue(log.contains("<to uri=\"db-query:postgres-load?") && log.contains("&amp;password=xxxxxx&amp;poolSize=2&amp;"),
                    "the dump in the log shows the route, its password masked and the parameters after it: " + log);
            assertFalse(log.contains(DB_PASSWORD), "the password in the log");
            List<Path> files;
            try (Stream<Path> list = Files.list(dumps)) {
                files = list.toList();
            }
            String written = String.join("\n", files.stream().map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList());
            assertTrue(written.contains("db-query:postgres-load?"), "the dump files hold the route: " + files);
            assertFalse(written.contains(DB_PASSWORD), "the password in the dump files");
        }
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
