package io.bactrian.function;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Tencent Cloud SCF's custom runtime: says the instance is ready ({@code POST /runtime/init/ready}),
 * then asks the runtime API for each invocation in turn ({@code GET /runtime/invocation/next},
 * whose {@code request_id} and {@code time_limit_in_ms} headers name it and give its deadline) and
 * posts the answer to {@code /runtime/invocation/response}, or to {@code /runtime/invocation/error}
 * when the run failed.
 */
final class ScfRuntimeLoop {
    static final String REQUEST_ID = "request_id";
    static final String TIME_LIMIT = "time_limit_in_ms";

    private final URI api;
    private final InvocationRunner runner;
    private final Duration fallbackTimeout;
    private final PrintStream err;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    ScfRuntimeLoop(URI api, InvocationRunner runner, Duration fallbackTimeout, PrintStream err) {
        this.api = api;
        this.runner = runner;
        this.fallbackTimeout = fallbackTimeout;
        this.err = err;
    }

    /** Serves invocations until the runtime API goes away; returns the exit code. */
    int run() throws InterruptedException {
        try {
            post("/runtime/init/ready", " ");
            while (true) {
                // a long poll: the next invocation may be minutes away, so no time limit
                HttpResponse<String> next = client.send(HttpRequest.newBuilder(api.resolve("/runtime/invocation/next"))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                Instant arrived = Instant.now();
                if (next.statusCode() != 200) {
                    err.println("function: the SCF runtime API answered " + next.statusCode() + " to the next invocation");
                    return 1;
                }
                String requestId = next.headers().firstValue(REQUEST_ID).orElse("").strip();
                String limit = next.headers().firstValue(TIME_LIMIT).orElse("").strip();
                Duration timeout = limit.matches("[1-9][0-9]{0,8}") ? Duration.ofMillis(Long.parseLong(limit)) : fallbackTimeout;
                InvocationRunner.Answer answer = runner.handle(requestId, next.body(), arrived.plus(timeout));
                post(answer.ok() ? "/runtime/invocation/response" : "/runtime/invocation/error", answer.json());
            }
        } catch (IOException e) {
            err.println("function: the SCF runtime API at " + api + " cannot be reached: " + e);
            return 1;
        }
    }

    private void post(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(api.resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            err.println("function: the SCF runtime API answered " + response.statusCode() + " to " + path);
        }
    }
}
