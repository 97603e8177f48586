package io.bactrian.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.bactrian.monitor.MonitorFiles;
import io.bactrian.auth.Login;
import io.bactrian.auth.Logins;
import io.bactrian.auth.Role;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request of the API, from the login to the JSON answer: when any login exists a read needs
 * a viewer's, a write an editor's and the audit log an admin's; while none exists reads are
 * open and writes refused. Each write a login makes is recorded in the audit log, refused or
 * not. A refused request is answered with its status and one line, a failure with 500 and
 * nothing of the request.
 */
final class ApiCall {
    /** The largest request body taken: an entry of a monitor list is a few hundred bytes. */
    static final int MAX_BODY = 64 * 1024;
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Logger LOG = LoggerFactory.getLogger(ApiCall.class);

    /**
     * What a request is answered: status, body (null for none) and headers; for a write, what
     * it changed, for the audit log (never a secret's value).
     */
    record Answer(int status, Object body, Map<String, String> headers, AuditLog.Change change) {
        Answer(int status, Object body, Map<String, String> headers) {
            this(status, body, headers, null);
        }

        static Answer json(int status, Object body) {
            return new Answer(status, body, Map.of());
        }

        /** A monitor, its version in {@code ETag}. */
        static Answer monitor(int status, MonitorView view) {
            return new Answer(status, view, Map.of("ETag", view.etag()));
        }

        Answer changed(AuditLog.Change change) {
            return new Answer(status, body, headers, change);
        }
    }

    interface Work {
        Answer run() throws Exception;
    }

    /** What a request needs when {@link Logins#configured()}. */
    interface LoggedIn {
        Answer run(Login login) throws Exception;
    }

    private final Logins logins;
    private final AuditLog audit;

    ApiCall(Logins logins, AuditLog audit) {
        this.logins = logins;
        this.audit = audit;
    }

    void read(Exchange exchange, Work work) {
        if (!logins.configured()) {
            answer(exchange, work);
        } else {
            as(exchange, Role.VIEWER, login -> work.run());
        }
    }

    /** A read that needs an admin, refused while no login exists; the login is the work's. */
    void admin(Exchange exchange, LoggedIn work) {
        as(exchange, Role.ADMIN, work);
    }

    /** Who the request is, for {@code /api/v1/me}: null while no login exists. */
    void whoever(Exchange exchange, LoggedIn work) {
        if (!logins.configured()) {
            answer(exchange, () -> work.run(null));
        } else {
            as(exchange, Role.VIEWER, work);
        }
    }

    void write(Exchange exchange, Work work) {
        write(exchange, login -> work.run());
    }

    /** A write whose work needs to know who makes it. */
    void write(Exchange exchange, LoggedIn work) {
        boolean any = logins.configured();
        Login login = any ? logins.login(exchange).orElse(null) : null;
        if (any && login == null) {
            Logins.challenge(exchange);
            return;
        }
        // read before the answer, which clears the request's headers
        String method = method(exchange);
        String path = path(exchange);
        String id = pathId(exchange);
        Answer answer = answer(exchange, () -> {
            if (login == null) {
                throw ApiError.of(403, "writes are off until there is a login: add users to the users file"
                        + " (users.file, default users.yaml) or set status-page.password in application.properties");
            }
            need(login, Role.EDITOR);
            sameSite(exchange);
            return work.run(login);
        });
        if (login != null) {
            audit.record(login, method, path, id, answer.status(), answer.change());
        }
    }

    private void as(Exchange exchange, Role role, LoggedIn work) {
        if (!logins.configured()) {
            answer(exchange, () -> {
                throw ApiError.of(403, "this needs " + article(role) + "'s login, and there is none: add users to the"
                        + " users file (users.file, default users.yaml)");
            });
            return;
        }
        Login login = logins.login(exchange).orElse(null);
        if (login == null) {
            Logins.challenge(exchange);
            return;
        }
        answer(exchange, () -> {
            need(login, role);
            return work.run(login);
        });
    }

    private static void need(Login login, Role role) {
        if (!login.role().covers(role)) {
            throw ApiError.of(403, login.name() + " is " + article(login.role()) + "; this needs "
                    + article(role) + (role == Role.ADMIN ? "" : " or an admin"));
        }
    }

    /**
     * A browser keeps a basic-auth login and sends it along with a form another site's page
     * posts here: a write whose {@code Origin} is not this server's is refused. curl and scripts
     * send no {@code Origin}.
     */
    private static void sameSite(Exchange exchange) {
        String origin = exchange.getMessage().getHeader("Origin", String.class);
        String server = authority(exchange.getMessage().getHeader(Exchange.HTTP_URL, "", String.class));
        if (origin != null && (server == null || !server.equalsIgnoreCase(authority(origin)))) {
            throw ApiError.of(403, "a write from another site's page is refused: Origin is not this server");
        }
    }

    /** host:port of a URL, null for none; scheme aside, as a proxy in front may take https for this server's http. */
    private static String authority(String url) {
        try {
            return java.net.URI.create(url.strip()).getRawAuthority();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String article(Role role) {
        return (role == Role.VIEWER ? "a " : "an ") + role.word();
    }

    private static String method(Exchange exchange) {
        return String.valueOf(exchange.getMessage().getHeader(Exchange.HTTP_METHOD));
    }

    /** The request's path, without its query. */
    private static String path(Exchange exchange) {
        String uri = exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
        if (uri == null) {
            uri = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
        }
        uri = uri == null ? "" : uri.replaceFirst("[?#].*", "");
        return uri.length() > 1000 ? uri.substring(0, 1000) : uri;
    }

    /** The path's {@code id}, as the request wrote it; null for none. */
    private static String pathId(Exchange exchange) {
        String id = pathPart(exchange, "id");
        return id.isEmpty() ? null : id.length() > 200 ? id.substring(0, 200) : id;
    }

    /** Answers what the work returns, or its refusal; the answer sent. */
    private static Answer answer(Exchange exchange, Work work) {
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
            return answer;
        }
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        try {
            exchange.getMessage().setBody(JSON.writeValueAsString(answer.body()));
        } catch (Exception e) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 500);
            exchange.getMessage().setBody("{\"message\":\"the answer could not be written as JSON\"}");
        }
        return answer;
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
