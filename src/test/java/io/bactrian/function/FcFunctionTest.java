package io.bactrian.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code function} as Function Compute runs it: the test is FC, posting {@code /initialize} and
 * {@code /invoke} to the function's server with FC's common headers (request id, the function's
 * timeout in seconds, the control path) and a timer trigger's event as the body.
 */
class FcFunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READY = "function: Function Compute custom runtime listening on port ";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private MonitorProcess start(int port) throws Exception {
        return start(List.of("-Dcamel.server.port=" + MonitorProcess.freePort()), Map.of("FC_SERVER_PORT", String.valueOf(port)));
    }

    private MonitorProcess start(List<String> jvmOptions, Map<String, String> env) throws Exception {
        MonitorProcess function = MonitorProcess.start(dir, jvmOptions, env, "function");
        assertTrue(function.awaitStdout(l -> l.startsWith(READY), Duration.ofSeconds(120)).isPresent(),
                () -> "not listening: " + function.stdoutText() + "\n" + function.stderr());
        return function;
    }

    /** FC's request: POST with its common headers; {@code timeoutSeconds} 0 leaves the timeout header out. */
    private HttpResponse<String> call(int port, String path, String requestId, int timeoutSeconds, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/octet-stream")
                .header("x-fc-request-id", requestId)
                .header("x-fc-control-path", path)
                .header("x-fc-function-name", "bactrian")
                .header("x-fc-function-memory", "512")
                .header("x-fc-function-handler", "index.handler")
                .header("x-fc-region", "cn-hangzhou")
                .header("x-fc-qualifier", "LATEST")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (timeoutSeconds > 0) {
            request.header("x-fc-function-timeout", String.valueOf(timeoutSeconds));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String timerEvent(String payload) {
        return JSON.createObjectNode().put("triggerTime", "2026-12-07T18:00:00Z").put("triggerName", "every-minute")
                .put("payload", payload).toString();
    }

    @Test
    void aWarmInstanceRunsEachInvocationWithoutStartingAgain() throws Exception {
        int port = MonitorProcess.freePort();
        try (TestServer shop = TestServer.http((req, out) -> TestServer.respond(out, 503, "busy"))) {
            FunctionProject.write(dir, shop.url("/"), shop.url("/slow"));
            try (MonitorProcess function = start(port)) {
                Duration coldStart = function.awaitStdout(l -> l.startsWith(READY), Duration.ZERO).orElseThrow().at();
                assertEquals(0, shop.requests().size(), "the schedules do not fire on their own");

                HttpResponse<String> init = call(port, "/initialize", "init-1", 0, "");
                assertEquals(200, init.statusCode(), init.body());
                assertEquals("200", init.headers().firstValue("x-fc-status").orElse(""));

                HttpResponse<String> first = call(port, "/invoke", "req-1", 60, timerEvent(FunctionProject.payload("shop")));
                assertEquals(200, first.statusCode(), first.body());
                assertEquals("200", first.headers().firstValue("x-fc-status").orElse(""));
                JsonNode answer = JSON.readTree(first.body());
                assertEquals("req-1", answer.path("requestId").asText(), first.body());
                assertEquals(1, answer.path("monitors").size(), "only the monitor the payload names: " + first.body());
                JsonNode result = answer.path("monitors").get(0);
                assertEquals("shop", result.path("id").asText());
                assertEquals("DOWN", result.path("state").asText());
                assertTrue(result.path("message").asText().contains("HTTP 503"), first.body());
                assertTrue(result.path("durationMs").isNumber(), first.body());
                assertEquals(0, answer.path("queuedAlerts").asInt(), "the DOWN mail was sent within the invocation");
                assertEquals(1, FunctionProject.mails(dir, "shop", "DOWN"));

                long before = System.nanoTime();
                HttpResponse<String> second = call(port, "/invoke", "req-2", 60, timerEvent(""));
                Duration took = Duration.ofNanos(System.nanoTime() - before);
                assertEquals(200, second.statusCode(), second.body());
                assertEquals("req-2", JSON.readTree(second.body()).path("requestId").asText());
                assertTrue(took.compareTo(coldStart) < 0, "the warm invocation (" + took + ") took less than the cold start ("
                        + coldStart + ")");
                assertEquals(3, shop.requests().size(), "shop once, then every monitor (shop and slow) once");
                assertEquals(1, FunctionProject.mails(dir, "shop", "DOWN"), "still down: no second DOWN");

                String out = function.stdoutText();
                for (String id : List.of("init-1")) {
                    assertTrue(out.contains("FC Initialize Start RequestId: " + id), out);
                    assertTrue(out.contains("FC Initialize End RequestId: " + id), out);
                }
                for (String id : List.of("req-1", "req-2")) {
                    assertTrue(out.contains("FC Invoke Start RequestId: " + id), out);
                    assertTrue(out.contains("FC Invoke End RequestId: " + id), out);
                }
                assertEquals(1, function.stdout().stream().filter(l -> l.text().startsWith(READY)).count());
                assertEquals(1, function.stdout().stream().filter(l -> l.text().contains("(bactrian) started in")).count(),
                        "one Camel start-up for both invocations: " + out);
            }
        }
    }

    /**
     * As function-descriptors deploys it: the server off (CAMEL_SERVER_ENABLED=false) and every shipped
     * route file in the package, those that serve HTTP too; the monitor still runs and its alert goes out.
     */
    @Test
    void withTheServerOffTheShippedRoutesStartAndTheAlertGoesOut() throws Exception {
        int port = MonitorProcess.freePort();
        int statusPage = MonitorProcess.freePort();
        try (TestServer shop = TestServer.http((req, out) -> TestServer.respond(out, 503, "busy"));
             TestServer hook = TestServer.http((req, out) -> TestServer.respond(out, 200, "ok"))) {
            FunctionProject.write(dir, shop.url("/"), shop.url("/slow"));
            try (MonitorProcess function = start(List.of("-Dcamel.server.port=" + statusPage, "-Dalert.channels=mail, webhook",
                    "-Dchannel.webhook.url=" + hook.url("/alerts")),
                    Map.of("FC_SERVER_PORT", String.valueOf(port), "CAMEL_SERVER_ENABLED", "false"))) {
                HttpResponse<String> run = call(port, "/invoke", "req-1", 60, timerEvent(FunctionProject.payload("shop")));
                assertEquals(200, run.statusCode(), run.body());
                JsonNode result = JSON.readTree(run.body()).path("monitors").get(0);
                assertEquals("DOWN", result.path("state").asText(), run.body());
                assertEquals(0, JSON.readTree(run.body()).path("queuedAlerts").asInt(), run.body());
                assertEquals(1, FunctionProject.mails(dir, "shop", "DOWN"));
                assertEquals(1, hook.requests().size(), "the webhook's DOWN: " + hook.requests());
                assertTrue(hook.requests().get(0).body().contains("shop"), hook.requests().get(0).body());

                HttpRequest page = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statusPage + "/")).build();
                assertThrows(ConnectException.class, () -> http.send(page, HttpResponse.BodyHandlers.ofString()),
                        "no status page");
                String out = function.stdoutText();
                for (String route : List.of("status-overview", "api-openapi", "api-monitors-list", "probe-api", "demo-flaky")) {
                    assertFalse(out.contains("Started " + route + " "), route + " left out: " + out);
                }
            }
        }
    }

    /** The status page's server left on at FC's port: the line says so, instead of a stack trace. */
    @Test
    void theStatusPageOnFunctionComputesPortIsNamed() throws Exception {
        int port = MonitorProcess.freePort();
        FunctionProject.write(dir, "http://127.0.0.1:9/", "http://127.0.0.1:9/");
        MonitorProcess.Result result = MonitorProcess.run(dir, Duration.ofSeconds(120),
                List.of("-Dcamel.server.enabled=true", "-Dcamel.server.port=" + port),
                Map.of("FC_SERVER_PORT", String.valueOf(port)), "function");
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("function: cannot listen on FC_SERVER_PORT " + port)
                && result.err().contains("is camel.server.port the same?"), result.toString());
    }

    @Test
    void aRunPastItsDeadlineOrNamingNoMonitorIsAnError() throws Exception {
        int port = MonitorProcess.freePort();
        CountDownLatch never = new CountDownLatch(1);
        try (TestServer shop = TestServer.http((req, out) -> TestServer.respond(out, 200, "ok"));
             TestServer slow = TestServer.raw(socket -> never.await())) {
            FunctionProject.write(dir, shop.url("/"), slow.url("/"));
            try (MonitorProcess function = start(port)) {
                assertEquals(200, call(port, "/initialize", "init-1", 0, "").statusCode());
                long before = System.nanoTime();
                HttpResponse<String> late = call(port, "/invoke", "req-late", 3, timerEvent(FunctionProject.payload("slow")));
                Duration took = Duration.ofNanos(System.nanoTime() - before);
                assertEquals(404, late.statusCode(), late.body());
                assertEquals("404", late.headers().firstValue("x-fc-status").orElse(""));
                JsonNode error = JSON.readTree(late.body());
                assertEquals("req-late", error.path("requestId").asText());
                assertEquals("DeadlineExceeded", error.path("errorType").asText(), late.body());
                assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "answered before FC's 3 s were up: " + took);
                assertEquals("slow", error.path("monitors").get(0).path("id").asText(), late.body());

                HttpResponse<String> unknown = call(port, "/invoke", "req-unknown", 30,
                        timerEvent(FunctionProject.payload("nosuch")));
                assertEquals(404, unknown.statusCode(), unknown.body());
                assertEquals("UnknownMonitor", JSON.readTree(unknown.body()).path("errorType").asText(), unknown.body());
                assertTrue(unknown.body().contains("nosuch"), unknown.body());

                HttpResponse<String> bad = call(port, "/invoke", "req-bad", 30, timerEvent("shop please"));
                assertEquals(404, bad.statusCode(), bad.body());
                assertTrue(JSON.readTree(bad.body()).path("errorMessage").asText()
                        .contains("payload of timer trigger 'every-minute'"), bad.body());

                HttpResponse<String> ok = call(port, "/invoke", "req-ok", 30, timerEvent(FunctionProject.payload("shop")));
                assertEquals(200, ok.statusCode(), "the instance still serves: " + ok.body());
                assertEquals("UP", JSON.readTree(ok.body()).path("monitors").get(0).path("state").asText(), ok.body());
            } finally {
                never.countDown();
            }
        }
    }
}
