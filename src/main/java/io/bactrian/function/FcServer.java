package io.bactrian.function;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Alibaba Cloud Function Compute's custom runtime: an HTTP server on every address at the port
 * FC gives, answering {@code POST /invoke} (an event, e.g. a timer's) and {@code POST /initialize}
 * (the initializer hook). An invocation's deadline is its {@code x-fc-function-timeout} seconds
 * from arrival; a failed one is answered with status 404 and {@code x-fc-status: 404}, as FC
 * takes an error. The request id is logged in FC's start and end lines.
 */
final class FcServer {
    static final String REQUEST_ID = "x-fc-request-id";
    static final String FUNCTION_TIMEOUT = "x-fc-function-timeout";
    static final String STATUS = "x-fc-status";

    private final InvocationRunner runner;
    private final Duration fallbackTimeout;
    private final PrintStream out;
    private HttpServer server;

    FcServer(InvocationRunner runner, Duration fallbackTimeout, PrintStream out) {
        this.runner = runner;
        this.fallbackTimeout = fallbackTimeout;
        this.out = out;
    }

    /** Listens on {@code 0.0.0.0:port}: FC cannot reach a server on loopback only. */
    void start(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "fc-invoke");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant arrived = Instant.now();
            String path = exchange.getRequestURI().getPath();
            String requestId = header(exchange, REQUEST_ID, "");
            String body = read(exchange.getRequestBody());
            if (!exchange.getRequestMethod().equals("POST") || !path.equals("/invoke") && !path.equals("/initialize")) {
                answer(exchange, false, Report.error(requestId, "NotAnEvent", "an event function answers POST /invoke"
                        + " and POST /initialize, not " + exchange.getRequestMethod() + " " + path, null));
                return;
            }
            if (path.equals("/initialize")) {
                // the application started before this server listened: nothing is left to do
                out.println("FC Initialize Start RequestId: " + requestId);
                answer(exchange, true, "");
                out.println("FC Initialize End RequestId: " + requestId);
                return;
            }
            out.println("FC Invoke Start RequestId: " + requestId);
            InvocationRunner.Answer answer;
            try {
                answer = runner.handle(requestId, body, arrived.plus(timeout(exchange)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer = new InvocationRunner.Answer(false, Report.error(requestId, "Stopped", "the instance stopped", null));
            }
            answer(exchange, answer.ok(), answer.json());
            out.println("FC Invoke End RequestId: " + requestId);
        }
    }

    private Duration timeout(HttpExchange exchange) {
        String seconds = header(exchange, FUNCTION_TIMEOUT, "");
        return seconds.matches("[1-9][0-9]{0,5}") ? Duration.ofSeconds(Long.parseLong(seconds)) : fallbackTimeout;
    }

    private static void answer(HttpExchange exchange, boolean ok, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        int status = ok ? 200 : 404;
        exchange.getResponseHeaders().set(STATUS, String.valueOf(status));
        if (bytes.length > 0) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(bytes);
            }
        }
    }

    private static String header(HttpExchange exchange, String name, String otherwise) {
        String value = exchange.getRequestHeaders().getFirst(name);
        return value == null ? otherwise : value.strip();
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
