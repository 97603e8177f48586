package io.bactrian.api;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bactrian.auth.NewTokenCommand;

/** The API over real HTTP, as curl calls it; every answer is kept, to be searched for what must not be in any. */
final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String login;
    final List<String> answers = new ArrayList<>();

    record Reply(int status, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }

        String etag() {
            return headers.firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag: " + this));
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** {@code login} is user:password, or null for none. */
    ApiClient(int port, String login) {
        this.base = "http://127.0.0.1:" + port;
        this.login = login;
    }

    Reply call(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (login != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        answers.add(r.headers().map() + "\n" + r.body());
        return new Reply(r.statusCode(), r.body(), r.headers());
    }

    Reply get(String path) throws Exception {
        return call("GET", path, null);
    }

    /** A token made by {@code new-token}: the token, and the users file's lines it printed (which hold no token). */
    static String[] newToken(String name, String role) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, NewTokenCommand.run(new String[] {name, "--role", role},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        String printed = out.toString(StandardCharsets.UTF_8);
        Matcher token = Pattern.compile("(?m)^token: (bct_\\S+)$").matcher(printed);
        assertTrue(token.find(), printed);
        String entry = printed.substring(printed.indexOf("tokens:\n"));
        assertFalse(entry.contains(token.group(1)), "the file's lines hold no token: " + entry);
        return new String[] {token.group(1), entry};
    }
}
