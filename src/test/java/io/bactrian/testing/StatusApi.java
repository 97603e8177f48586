package io.bactrian.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;

/** The built-in server as a test reads it: a page's text, and one monitor of {@code /api/monitors}. */
public final class StatusApi {
    private StatusApi() {
    }

    public static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The entry of {@code list} whose id is {@code id}. */
    public static JsonNode find(JsonNode list, String id) {
        for (JsonNode n : list) {
            if (id.equals(n.path("id").asText())) {
                return n;
            }
        }
        throw new AssertionError(id + " not in " + list);
    }
}
