package io.bactrian.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bactrian.history.HistoryStore;
import io.bactrian.store.Rows.Check;
import io.bactrian.testing.Await;
import io.bactrian.testing.RunningMonitor;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The overview of many monitors over HTTP, from the real application: two monitors of its own
 * (one up, one failing into an incident) and 250 more whose checks go into its history as
 * recorded ones do, in two groups (eu/, us/), one of them failing. The page counts each state,
 * lists the monitors that need someone first, 100 to a page, and filters by name or group;
 * the JSON API pages alike; a monitor forgotten leaves the overview.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverviewPagesTest {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();
    static final int FLEET = 250;

    @TempDir
    static Path tmp;

    TestServer ok;
    TestServer broken;
    RunningMonitor app;
    HistoryStore history;
    String base;

    static String fleet(int i) {
        return String.format(Locale.ROOT, "%s/fleet-%03d", i < 125 ? "eu" : "us", i);
    }

    @BeforeAll
    void start() throws Exception {
        ok = TestServer.answering(200, "ok");
        broken = TestServer.answering(503, "maintenance");
        String sites = RunningMonitor.everySecond("shop", ok.url("/"))
                + RunningMonitor.everySecond("api", broken.url("/health"), "failureThreshold", "1");
        Map<String, String> p = RunningMonitor.quiet(tmp.resolve("data"));
        int port = RunningMonitor.server(p);
        p.put("camel.main.routes-include-pattern", String.join(",",
                RunningMonitor.projectRoute("http-status-template.yaml"),
                RunningMonitor.routeFile(tmp.resolve("routes"), "sites.yaml", sites), RunningMonitor.alertRoutes(),
                RunningMonitor.projectRoute("status-page.yaml")));
        p.put("mail.host", ""); // alert mails stay in the local outbox
        app = RunningMonitor.start(p);
        base = "http://127.0.0.1:" + port;
        history = app.context().getRegistry().lookupByNameAndType("history", HistoryStore.class);
        long now = System.currentTimeMillis();
        for (int i = 0; i < FLEET; i++) {
            boolean up = i != 130;
            history.writer().offer(new Check(fleet(i), now, up, 12.5, up ? null : "timeout",
                    up ? null : "read timed out",
                    "https://" + fleet(i).replace('/', '-') + ".example.com/health"));
        }
        Await.until("shop checked and api down", 20_000,
                () -> history.queries().latest().containsKey("shop") && history.queries().down("api"));
        assertTrue(history.writer().flush(Duration.ofSeconds(10)));
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        ok.close();
        broken.close();
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The monitors a page lists, in its order, with their states. */
    static List<String> listed(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<section class=\"card mon\" data-monitor=\"([^\"]+)\" data-state=\"([a-z]+)\"")
                .matcher(html);
        while (m.find()) {
            out.add(m.group(1) + " " + m.group(2));
        }
        return out;
    }

    static int count(String html, String state) {
        Matcher m = Pattern.compile("data-count=\"" + state + "\"[^>]*>.*?<b>(\\d+)</b>").matcher(html);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    @Test
    void countsAtTheTopThenDownFirstAHundredToAPage() throws Exception {
        HttpResponse<String> r = get(base + "/");
        assertEquals(200, r.statusCode());
        String html = r.body();
        assertEquals(1, count(html, "down"), html);
        assertEquals(1, count(html, "failing"), html);
        assertEquals(FLEET, count(html, "up"), "shop and the fleet but one: " + html);
        assertTrue(html.contains("252 monitors"), html);
        assertTrue(html.contains("1 monitor is down"), html);
        assertTrue(html.indexOf("id=\"counts\"") < html.indexOf("data-monitor="), "the counts come first");

        List<String> first = listed(html);
        assertEquals(100, first.size(), first.toString());
        assertEquals("api down", first.get(0), "down first");
        assertEquals(fleet(130) + " failing", first.get(1), "then failing");
        assertEquals(fleet(0) + " up", first.get(2), "then the others by name");
        assertTrue(html.contains("data-page=\"1\" data-pages=\"3\""), html);
        assertTrue(html.contains("rel=\"next\" href=\"?page=2\""), html);

        List<String> last = listed(get(base + "/?page=3").body());
        assertEquals(52, last.size(), last.toString());
        assertEquals(fleet(FLEET - 1) + " up", last.get(last.size() - 1), "eu/, shop, us/ by name");
        List<String> all = new ArrayList<>(first);
        all.addAll(listed(get(base + "/?page=2").body()));
        all.addAll(last);
        assertEquals(252, all.stream().distinct().count(), "each monitor on one page");
    }

    @Test
    void filterByNameOrGroupAndByState() throws Exception {
        String html = get(base + "/?q=FLEET-01").body();
        assertEquals(10, listed(html).size(), "fleet-010 to fleet-019, any case: " + listed(html));
        assertEquals(1, count(html, "down"), "the counts stay those of all monitors");
        assertTrue(html.contains("value=\"FLEET-01\""), "the filter shows what was asked");

        List<String> us = listed(get(base + "/?q=us/").body());
        assertEquals(125, us.size() + listed(get(base + "/?q=us/&page=2").body()).size());
        assertEquals(fleet(130) + " failing", us.get(0), "down and failing first within a filter too");

        assertEquals(List.of("api down"), listed(get(base + "/?state=down").body()));
        assertEquals(1, listed(get(base + "/?q=eu%20042").body()).size(), "every word must match");
        assertEquals(1, listed(get(base + "/?q=us-fleet-200.example").body()).size(), "the URL matches too");

        String none = get(base + "/?q=%3Cnothing%3E").body();
        assertTrue(listed(none).isEmpty());
        assertTrue(none.contains("No monitor matches \u201c&lt;nothing&gt;\u201d"), none);
    }

    @Test
    void jsonApiPagesAndFiltersAlike() throws Exception {
        HttpResponse<String> r = get(base + "/api/monitors");
        assertEquals(200, r.statusCode());
        JsonNode list = JSON.readTree(r.body());
        assertEquals(100, list.size());
        assertEquals("api", list.get(0).path("id").asText());
        assertEquals("down", list.get(0).path("state").asText());
        assertEquals("252", r.headers().firstValue("X-Total-Count").orElse(""));
        String link = r.headers().firstValue("Link").orElse("");
        assertTrue(link.contains("<monitors?page=2>; rel=\"next\"") && link.contains("<monitors?page=3>; rel=\"last\""),
                link);

        HttpResponse<String> eu = get(base + "/api/monitors?q=eu/&per-page=1000");
        assertEquals(125, JSON.readTree(eu.body()).size());
        assertEquals("125", eu.headers().firstValue("X-Total-Count").orElse(""));
        assertTrue(eu.headers().firstValue("Link").isEmpty(), "one page: no links");
        JsonNode page = JSON.readTree(get(base + "/api/monitors?page=2&per-page=50").body());
        assertEquals(fleet(48), page.get(0).path("id").asText(), "api, the failing one, then fleet-000 on");
    }

    @Test
    void aForgottenMonitorLeavesTheOverviewItsHistoryStays() throws Exception {
        String gone = fleet(FLEET - 1);
        Check last = history.queries().latest().get(gone);
        assertEquals(1, listed(get(base + "/?q=" + gone).body()).size());
        history.forget(gone);
        try {
            String html = get(base + "/?q=" + gone).body();
            assertTrue(listed(html).isEmpty(), html);
            assertTrue(html.contains("251 monitors"), html);
            assertEquals(1, history.queries().checks(gone, 0).size(), "its rows stay for the retention");
            assertEquals(200, get(base + "/monitors/" + gone.replace("/", "%2F")).statusCode(), "its page still opens");
        } finally {
            history.writer().offer(last); // a check of it, as when it is added back: listed again
        }
        assertEquals(List.of(gone + " up"), listed(get(base + "/?q=" + gone).body()));
    }
}
