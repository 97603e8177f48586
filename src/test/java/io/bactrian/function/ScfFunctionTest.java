package io.bactrian.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bactrian.testing.Await;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code function} as SCF runs it: started with the runtime API's address in
 * {@code SCF_RUNTIME_API} and {@code SCF_RUNTIME_API_PORT}, it says it is ready, then takes each
 * invocation from the API and posts its answer back, an error for a failed run.
 */
class ScfFunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private MonitorProcess start(ScfRuntimeApi api, String... jvmOptions) throws Exception {
        List<String> jvm = new java.util.ArrayList<>(List.of("-Dcamel.server.port=" + MonitorProcess.freePort()));
        jvm.addAll(List.of(jvmOptions));
        return MonitorProcess.start(dir, jvm, Map.of("SCF_RUNTIME_API", "127.0.0.1",
                "SCF_RUNTIME_API_PORT", String.valueOf(api.port())), "function");
    }

    private static String timerEvent(String message) {
        return JSON.createObjectNode().put("Type", "Timer").put("TriggerName", "every-minute")
                .put("Time", "2026-12-07T18:00:00Z").put("Message", message).toString();
    }

    @Test
    void eachInvocationIsAnsweredUnderItsRequestIdAndAFailedRunAsAnError() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (TestServer shop = TestServer.http((req, out) -> TestServer.respond(out, 503, "busy"));
             TestServer slow = TestServer.raw(socket -> never.await());
             ScfRuntimeApi api = new ScfRuntimeApi()) {
            FunctionProject.write(dir, shop.url("/"), slow.url("/"));
            try (MonitorProcess function = start(api)) {
                assertEquals("POST /runtime/init/ready", api.await(1, START).method() + " " + api.await(1, START).path());
                api.await(2, START); // waiting for the first invocation
                assertEquals(0, shop.requests().size(), "nothing runs before an invocation");

                api.invoke("scf-1", 30_000, timerEvent(FunctionProject.payload("shop")));
                ScfRuntimeApi.Call first = api.await(3, Duration.ofSeconds(60));
                assertEquals("POST /runtime/invocation/response", first.method() + " " + first.path(), first.body());
                JsonNode answer = JSON.readTree(first.body());
                assertEquals("scf-1", answer.path("requestId").asText(), first.body());
                assertEquals("shop", answer.path("monitors").get(0).path("id").asText());
                assertEquals("DOWN", answer.path("monitors").get(0).path("state").asText());
                assertEquals(1, FunctionProject.mails(dir, "shop", "DOWN"));

                api.await(4, Duration.ofSeconds(30));
                api.invoke("scf-2", 30_000, timerEvent(FunctionProject.payload("nosuch")));
                ScfRuntimeApi.Call unknown = api.await(5, Duration.ofSeconds(60));
                assertEquals("POST /runtime/invocation/error", unknown.method() + " " + unknown.path(), unknown.body());
                assertEquals("scf-2", JSON.readTree(unknown.body()).path("requestId").asText());
                assertEquals("UnknownMonitor", JSON.readTree(unknown.body()).path("errorType").asText());

                ScfRuntimeApi.Call waiting = api.await(6, Duration.ofSeconds(30));
                api.invoke("scf-3", 3_000, timerEvent(FunctionProject.payload("slow")));
                ScfRuntimeApi.Call late = api.await(7, Duration.ofSeconds(60));
                assertEquals("POST /runtime/invocation/error", late.method() + " " + late.path(), late.body());
                assertEquals("DeadlineExceeded", JSON.readTree(late.body()).path("errorType").asText(), late.body());
                assertEquals("scf-3", JSON.readTree(late.body()).path("requestId").asText());
                Duration took = Duration.ofNanos(late.atNanos() - waiting.atNanos());
                assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "the error came before SCF's 3 s were up: " + took);

                api.await(8, Duration.ofSeconds(30));
                api.invoke("scf-4", 30_000, timerEvent(""));
                ScfRuntimeApi.Call all = api.await(9, Duration.ofSeconds(60));
                assertEquals("POST /runtime/invocation/response", all.method() + " " + all.path(), all.body());
                assertEquals(List.of("POST /runtime/init/ready", "GET /runtime/invocation/next",
                        "POST /runtime/invocation/response", "GET /runtime/invocation/next",
                        "POST /runtime/invocation/error", "GET /runtime/invocation/next",
                        "POST /runtime/invocation/error", "GET /runtime/invocation/next",
                        "POST /runtime/invocation/response"), api.sequence().subList(0, 9));
            } finally {
                never.countDown();
            }
        }
    }

    @Test
    void anAlertQueuedWhenTheInstanceIsKilledIsSentByTheNextInstance() throws Exception {
        try (TestServer shop = TestServer.http((req, out) -> TestServer.respond(out, 503, "busy"));
             TestServer refusing = TestServer.answering(503, "busy");
             TestServer webhook = TestServer.answering(200, "ok")) {
            FunctionProject.write(dir, shop.url("/"), shop.url("/slow"));
            Map.of("alert.channels.shop", "webhook",
                    "channel.webhook.url", refusing.url("/hook"),
                    "channel.poll-delay", "200",
                    "channel.retry-delay", "300",
                    "channel.retry-max-delay", "1000",
                    "channel.group-wait", "0").forEach((k, v) -> {
                        try {
                            MonitorProcess.setProperty(dir, k, v);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
            try (ScfRuntimeApi api = new ScfRuntimeApi(); MonitorProcess first = start(api)) {
                api.await(2, START);
                api.invoke("kill-1", 60_000, timerEvent(FunctionProject.payload("shop")));
                Await.until("the DOWN refused twice by the webhook", 60_000, () -> refusing.requests().size() >= 2);
                assertEquals(2, api.calls().size(), "still running when killed: " + api.sequence());
            } // kill -9 mid-run, as the platform ends an instance at its deadline
            try (ScfRuntimeApi api = new ScfRuntimeApi();
                 MonitorProcess second = start(api, "-Dchannel.webhook.url=" + webhook.url("/hook"))) {
                api.await(2, START);
                api.invoke("next-1", 60_000, timerEvent(FunctionProject.payload("shop")));
                ScfRuntimeApi.Call answer = api.await(3, Duration.ofSeconds(60));
                assertEquals("POST /runtime/invocation/response", answer.method() + " " + answer.path(), answer.body());
                assertEquals(0, JSON.readTree(answer.body()).path("queuedAlerts").asInt(), answer.body());
                assertEquals(1, webhook.requests().size(), "the queued DOWN, once: " + webhook.requests());
                assertTrue(webhook.requests().get(0).body().contains("shop"), webhook.requests().get(0).body());
            }
        }
    }
}
