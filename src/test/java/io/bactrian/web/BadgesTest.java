package io.bactrian.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bactrian.testing.Await;
import io.bactrian.testing.MonitorList;
import io.bactrian.testing.RunningMonitor;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The real application with the built-in server: a monitor list of two http monitors checked
 * every second against a loopback target, one of them private, and their badges over HTTP as the
 * target answers 200 and then 503.
 */
class BadgesTest {
    static final ObjectMapper JSON = StatusPageTest.JSON;
    static final String LOGIN = "Basic " + Base64.getEncoder().encodeToString("admin:s3cret".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path tmp;

    @Test
    void badgesFollowTheChecksAndKeepPrivateMonitorsHidden() throws Exception {
        AtomicInteger status = new AtomicInteger(200);
        try (TestServer target = TestServer.http((request, out) ->
                TestServer.respond(out, status.get(), "shop", "Connection: close"))) {
            Map<String, String> p = MonitorList.app(tmp, """
                    defaults:
                      kind: http
                      cron: "* * * * * ? *"
                      failure-threshold: 1
                      success-threshold: 1
                    monitors:
                      - id: shop
                        url: %s
                      - id: vault
                        url: %s
                        private: true
                    """.formatted(target.url("/"), target.url("/vault")), "http-monitors.yaml");
            p.put("camel.main.routes-include-pattern", p.get("camel.main.routes-include-pattern") + ","
                    + RunningMonitor.projectRoute("status-page.yaml"));
            p.put("status-page.password", "s3cret");
            int port = RunningMonitor.server(p);
            String base = "http://127.0.0.1:" + port + "/badge/";
            try (RunningMonitor app = RunningMonitor.start(p)) {
                Await.until("the status badge saying up", 60_000, () -> message(base + "shop/status.json").equals("up"));
                JsonNode up = JSON.readTree(get(base + "shop/status.json").body());
                assertEquals(1, up.path("schemaVersion").asInt(), up.toString());
                assertEquals("status", up.path("label").asText());
                assertEquals("brightgreen", up.path("color").asText());
                assertEquals(4, up.size(), "the endpoint schema's fields only: " + up);

                HttpResponse<String> svg = get(base + "shop/status.svg");
                assertEquals(200, svg.statusCode());
                assertEquals("image/svg+xml; charset=utf-8", svg.headers().firstValue("content-type").orElse(""));
                Document doc = xml(svg.body());
                // "status" is 33.7 px in Verdana 11px, "up" 13.8 px, each side 5 px of padding
                assertEquals("68", doc.getDocumentElement().getAttribute("width"), svg.body());
                assertTrue(svg.body().contains("fill=\"#4c1\"") && svg.body().contains(">up</text>"), svg.body());
                assertFalse(svg.body().contains("href") || svg.body().contains("@import")
                        || svg.body().replace("http://www.w3.org/2000/svg", "").contains("http"), "nothing from elsewhere");

                // the uptime comes from the history's rollups, written a moment after the check
                Await.until("the 24 h uptime", 30_000, () -> message(base + "shop/uptime/24h.json").equals("100%"));
                JsonNode month = JSON.readTree(get(base + "shop/uptime/30d.json").body());
                assertEquals("uptime 30d", month.path("label").asText());
                assertEquals("brightgreen", month.path("color").asText());
                assertTrue(get(base + "shop/uptime/7d.svg").body().contains(">100%</text>"));
                JsonNode time = JSON.readTree(get(base + "shop/response-time.json").body());
                assertEquals("response time", time.path("label").asText());
                assertTrue(time.path("message").asText().matches("[0-9.]+ ms"), time.toString());

                cachingHeaders(base + "shop/status.svg");
                privateMonitor(base);
                escapedLabels(base);

                status.set(503);
                Await.until("the status badge saying down", 60_000, () -> message(base + "shop/status.json").equals("down"));
                assertEquals("red", JSON.readTree(get(base + "shop/status.json").body()).path("color").asText());
                String down = get(base + "shop/status.svg").body();
                assertTrue(down.contains("fill=\"#e05d44\"") && down.contains(">down</text>"), down);
                Await.until("the 24 h uptime below 100%", 30_000,
                        () -> !message(base + "shop/uptime/24h.json").equals("100%"));
                JsonNode day = JSON.readTree(get(base + "shop/uptime/24h.json").body());
                assertTrue(day.path("message").asText().matches("\\d{1,2}\\.\\d\\d%"), day.toString());
                assertFalse(day.path("color").asText().equals("brightgreen"), day.toString());
            }
        }
    }

    /** Short-lived and revalidated: an unchanged badge answers 304 to its ETag. */
    private static void cachingHeaders(String url) throws Exception {
        HttpResponse<String> first = get(url);
        assertEquals("public, max-age=60", first.headers().firstValue("cache-control").orElse(""));
        String etag = first.headers().firstValue("etag").orElse("");
        assertTrue(etag.matches("\"[0-9a-f]{32}\""), etag);
        HttpResponse<String> again = get(url, "If-None-Match", etag);
        // the state may have changed in between; then a new badge with a new tag
        if (again.statusCode() == 304) {
            assertEquals("", again.body());
            assertEquals(etag, again.headers().firstValue("etag").orElse(""));
        } else {
            assertEquals(200, again.statusCode());
            assertFalse(etag.equals(again.headers().firstValue("etag").orElse("")));
        }
        assertEquals(200, get(url, "If-None-Match", "\"other\"").statusCode());
    }

    /** Without the login a private monitor's badge is as absent as a monitor that does not exist. */
    private static void privateMonitor(String base) throws Exception {
        Await.until("the private monitor checked", 60_000, () -> "up".equals(message(base + "vault/status.json", LOGIN)));
        HttpResponse<String> hidden = get(base + "vault/status.svg");
        HttpResponse<String> none = get(base + "no-such-monitor/status.svg");
        assertEquals(404, hidden.statusCode());
        assertEquals(404, none.statusCode());
        assertEquals(none.body(), hidden.body());
        assertEquals("text/plain; charset=utf-8", hidden.headers().firstValue("content-type").orElse(""));
        assertFalse(hidden.body().contains("<svg"));
        assertEquals(404, get(base + "vault/uptime/24h.json", "Authorization",
                "Basic " + Base64.getEncoder().encodeToString("admin:wrong".getBytes(StandardCharsets.UTF_8))).statusCode());
        HttpResponse<String> shown = get(base + "vault/status.svg", "Authorization", LOGIN);
        assertEquals(200, shown.statusCode());
        assertTrue(shown.body().contains(">up</text>"), shown.body());
        assertEquals("private, max-age=60", shown.headers().firstValue("cache-control").orElse(""));
        assertEquals(404, get(base + "shop/status.png").statusCode());
        assertEquals(404, get(base + "shop/uptime/1y.svg").statusCode());
        assertEquals(404, get(base + "shop/latency.svg").statusCode());
    }

    /** A label of the query with XML's special characters stays text; wide characters take an em. */
    private static void escapedLabels(String base) throws Exception {
        String label = "<a href=\"x\"> & 'b'";
        String svg = get(base + "shop/status.svg?label=" + URLEncoder.encode(label, StandardCharsets.UTF_8)).body();
        Document doc = xml(svg);
        assertEquals(label + ": up", doc.getElementsByTagName("title").item(0).getTextContent());
        assertEquals(label, doc.getElementsByTagName("text").item(0).getTextContent());
        assertFalse(svg.contains("<a "), svg);
        JsonNode json = JSON.readTree(get(base + "shop/status.json?label=" + URLEncoder.encode(label,
                StandardCharsets.UTF_8)).body());
        assertEquals(label, json.path("label").asText());
        // two ideographs: 22 px and the padding
        Document wide = xml(get(base + "shop/status.svg?label=" + URLEncoder.encode("状态", StandardCharsets.UTF_8)).body());
        assertEquals("32", ((org.w3c.dom.Element) wide.getElementsByTagName("rect").item(1)).getAttribute("width"));
    }

    private static Document xml(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String message(String url, String... login) {
        try {
            HttpResponse<String> r = login.length == 0 ? get(url) : get(url, "Authorization", login[0]);
            return r.statusCode() == 200 ? JSON.readTree(r.body()).path("message").asText() : "";
        } catch (Exception e) {
            return "";
        }
    }

    private static HttpResponse<String> get(String url, String... headers) throws Exception {
        return StatusPageTest.get(url, headers);
    }
}
