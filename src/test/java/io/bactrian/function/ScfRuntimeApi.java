package io.bactrian.function;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * SCF's runtime API on loopback, as a custom runtime sees it: {@code POST /runtime/init/ready},
 * {@code GET /runtime/invocation/next} held open until the test hands out an invocation (its
 * {@code request_id}, {@code memory_limit_in_mb} and {@code time_limit_in_ms} headers and the
 * event as the body), and {@code POST /runtime/invocation/response} or {@code /error}. Every call
 * is recorded in order.
 */
final class ScfRuntimeApi implements AutoCloseable {
    /** A call the runtime made: method and path, and the body it posted. */
    record Call(String method, String path, String body, long atNanos) {
    }

    private record Invocation(String requestId, long timeLimitMs, String event) {
    }

    private final HttpServer server;
    private final BlockingQueue<Invocation> invocations = new LinkedBlockingQueue<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    ScfRuntimeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Hands out the next invocation, as a timer trigger firing; returns when it was handed out. */
    void invoke(String requestId, long timeLimitMs, String event) {
        invocations.add(new Invocation(requestId, timeLimitMs, event));
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The calls' methods and paths in order, e.g. {@code POST /runtime/init/ready}. */
    List<String> sequence() {
        return calls.stream().map(c -> c.method() + " " + c.path()).toList();
    }

    /** Waits for the {@code n}th call (counting from 1) to be recorded; returns it. */
    Call await(int n, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (calls.size() < n && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        if (calls.size() < n) {
            throw new AssertionError("only " + sequence() + " within " + limit);
        }
        return calls.get(n - 1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            calls.add(new Call(method, path, body, System.nanoTime()));
            if (method.equals("GET") && path.equals("/runtime/invocation/next")) {
                Invocation next = invocations.poll(10, TimeUnit.MINUTES);
                if (next == null) {
                    exchange.sendResponseHeaders(504, -1);
                    return;
                }
                byte[] event = next.event().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("request_id", next.requestId());
                exchange.getResponseHeaders().set("memory_limit_in_mb", "512");
                exchange.getResponseHeaders().set("time_limit_in_ms", String.valueOf(next.timeLimitMs()));
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, event.length);
                exchange.getResponseBody().write(event);
                return;
            }
            boolean known = method.equals("POST") && List.of("/runtime/init/ready", "/runtime/invocation/response",
                    "/runtime/invocation/error").contains(path);
            exchange.sendResponseHeaders(known ? 200 : 404, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
