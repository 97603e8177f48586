package io.bactrian.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.bactrian.monitor.MonitorFiles;
import io.bactrian.web.BasicAuth;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request of the API, from the login to the JSON answer: reads ask for the status page's
 * login when it has one; writes need it, and are refused while none is set. A refused request
 * is answered with its status and one line, a failure with 500 and nothing of the request.
 */
final class ApiCall {
    /** The largest request body taken: an entry of a monitor list is a few hundred bytes. */
    static final int MAX_BODY = 64 * 1024;
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Logger LOG = LoggerFactory.getLogger(ApiCall.class);

    /** What a request is answered: status, body (null for none) and headers. */
    record Answer(int status, Object body, Map<String, String> headers) {
        static Answer json(int status, Object body) {
            return new Answer(status, body, Map.of());
        }

        /** A monitor, its version in {@code ETag}. */
        static Answer monitor(int status, MonitorView view) {
            return new Answer(status, view, Map.of("ETag", view.etag()));
        }
    }

    interface Work {
        Answer run() throws Exception;
    }

    private final BasicAuth auth;

    ApiCall(BasicAuth auth) {
        this.auth = auth;
    }

    void read(Exchange exchange, Work work) {
        if (!auth.matches(exchange)) {
            BasicAuth.challenge(exchange);
            return;
        }
        answer(exchange, work);
    }

    void write(Exchange exchange, Work work) {
        if (!auth.configured()) {
            answer(exchange, () -> {
                throw ApiError.of(403, "writes are off until the status page has a login: set status-page.password"
                        + " (and status-page.username) in application.properties");
            });
        } else if (!auth.matches(exchange)) {
            BasicAuth.challenge(exchange);
        } else {
            answer(exchange, work);
        }
    }

    private static void answer(Exchange exchange, Work work) {
        Answer answer;
        try {
            answer = work.run();
        } catch (ApiError e) {
            answer = Answer.json(e.status(), e.body());
        } catch (Exception e) {
            LOG.error("API request {} {} failed: {}", exchange.getMessage().getHeader(Exchange.HTTP_METHOD),
                    exchange.getMessage().getHeader(Exchange.HTTP_PATH), e.toString());
            answer = Answer.json(500, Map.of("message", "failed: " + e.getClass().getSimpleName() + "; see the log"));
        }
        exchange.getMessage().removeHeaders("*"); // the request's headers must not echo back (Authorization)
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, answer.status());
        exchange.getMessage().setHeader("Cache-Control", "no-store");
        answer.headers().forEach(exchange.getMessage()::setHeader);
        if (answer.body() == null) {
            exchange.getMessage().setBody(null);
            return;
        }
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        try {
            exchange.getMessage().setBody(JSON.writeValueAsString(answer.body()));
        } catch (Exception e) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 500);
            exchange.getMessage().setBody("{\"message\":\"the answer could not be written as JSON\"}");
        }
    }

    /** The JSON object of the request body: 413 when over {@link #MAX_BODY}, 400 when not an object. */
    static JsonNode body(Exchange exchange) {
        Long length = exchange.getMessage().getHeader("Content-Length", Long.class);
        if (length != null && length > MAX_BODY) {
            throw ApiError.of(413, "the body is over " + MAX_BODY + " bytes");
        }
        byte[] bytes = exchange.getMessage().getBody(byte[].class);
        if (bytes != null && bytes.length > MAX_BODY) {
            throw ApiError.of(413, "the body is over " + MAX_BODY + " bytes");
        }
        JsonNode node;
        try {
            node = bytes == null || bytes.length == 0 ? null : JSON.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiError.field("request", null, "body", "not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiError.field("request", null, "body", "cannot be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiError.field("request", null, "body", "must be a JSON object");
        }
        return node;
    }

    /** The monitor id of the path: 400 unless it is one a monitor list may hold, so it names no file or folder. */
    static String monitorId(Exchange exchange) {
        String id = pathPart(exchange, "id");
        if (!MonitorFiles.isId(id)) {
            throw ApiError.field("request", null, "id", "an id " + MonitorFiles.ID_RULE);
        }
        return id;
    }

    /** The number of the path's {@code id}: 400 unless it is one. */
    static long number(Exchange exchange) {
        String id = pathPart(exchange, "id");
        if (!id.matches("\\d{1,18}")) {
            throw ApiError.field("request", null, "id", "an alert's id is a number");
        }
        return Long.parseLong(id);
    }

    private static String pathPart(Exchange exchange, String name) {
        String raw = exchange.getMessage().getHeader(name, String.class);
        try {
            return raw == null ? "" : URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "\0"; // a broken %-escape: no id
        }
    }

    /** {@code If-Match}: 428 when missing, as every change names the version it was made on. */
    static String ifMatch(Exchange exchange) {
        String tag = exchange.getMessage().getHeader("If-Match", String.class);
        if (tag == null || tag.isBlank()) {
            throw ApiError.of(428, "If-Match is required: send the ETag of the monitor's GET");
        }
        tag = tag.strip();
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
