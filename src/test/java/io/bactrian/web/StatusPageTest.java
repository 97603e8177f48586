package io.bactrian.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bactrian.auth.Logins;
import io.bactrian.history.HistoryQueries;
import io.bactrian.history.HistoryStore;
import io.bactrian.history.StatusView;
import io.bactrian.probe.kafka.LagStatus;
import io.bactrian.store.Database;
import io.bactrian.testing.Chromium;
import io.bactrian.testing.LagChecks;
import io.bactrian.testing.RunningMonitor;
import io.bactrian.testing.TestServer;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real application with the built-in server on a free port: two HTTP monitors (one
 * up, one failing into an incident) and a speed test from three nodes, then its status
 * page, JSON API, metrics and health checks over HTTP, and the pages in a real Chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusPageTest {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    TestServer ok;
    TestServer broken;
    RunningMonitor app;
    String base;

    @BeforeAll
    void start() throws Exception {
        ok = TestServer.answering(200, "ok");
        broken = TestServer.answering(503, "maintenance");
        Path nodes = tmp.resolve("nodes.yaml");
        Files.writeString(nodes, """
                - { id: "js-suqian-ct", province: "江苏", city: "宿迁", isp: "电信", kind: "local" }
                - { id: "gd-foshan-ct", province: "广东", city: "佛山", isp: "电信", kind: "local" }
                - { id: "zj-jiaxing-cu", province: "浙江", city: "嘉兴", isp: "联通", kind: "local" }
                """);
        String sites = RunningMonitor.everySecond("shop", ok.url("/"))
                + RunningMonitor.everySecond("api", broken.url("/health"), "failureThreshold", "1");
        Map<String, String> p = RunningMonitor.quiet(tmp.resolve("data"));
        int port = RunningMonitor.server(p);
        p.put("camel.main.routes-include-pattern", String.join(",",
                RunningMonitor.projectRoute("http-status-template.yaml"),
                RunningMonitor.routeFile(tmp.resolve("routes"), "sites.yaml", sites),
                RunningMonitor.projectRoute("speed-test.yaml"), RunningMonitor.alertRoutes(),
                RunningMonitor.projectRoute("status-page.yaml")));
        p.put("speed-demo.cron", "* * * * * ? *");
        p.put("speed-demo.nodes", nodes.toString());
        p.put("speed-demo.url", ok.url("/speed"));
        p.put("mail.host", ""); // alert mails stay in the local outbox
        app = RunningMonitor.start(p);
        base = "http://127.0.0.1:" + port;
        HistoryStore history = app.context().getRegistry().lookupByNameAndType("history", HistoryStore.class);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        HistoryQueries kept = history.queries();
        while (System.nanoTime() < until && !(kept.latest().size() == 3 && kept.alerts("api", 0).size() > 0
                && kept.probes("speed-demo", 0).size() >= 6)) {
            Thread.sleep(200);
        }
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

    static HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void overviewListsEveryMonitorWithItsStateUptimeAndLatency() throws Exception {
        HttpResponse<String> r = get(base + "/");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        String html = r.body();
        assertTrue(html.contains("data-monitor=\"shop\" data-state=\"up\""), html);
        assertTrue(html.contains("data-monitor=\"api\" data-state=\"down\""), html);
        assertTrue(html.contains("data-monitor=\"speed-demo\" data-state=\"up\""), html);
        assertTrue(html.contains("1 monitor is down"), html);
        assertTrue(html.contains("HTTP 503 (expected 200)"), html);
        assertFalse(html.contains("http://") && html.matches("(?s).*(src|href)=\"https?://.*"), "nothing from elsewhere");
        assertFalse(html.contains("<script"), "no script needed");
    }

    @Test
    void monitorPageHasTheNodeTableChartsPercentilesAndIncidents() throws Exception {
        String html = get(base + "/monitors/speed-demo").body();
        for (String node : List.of("江苏宿迁[电信]", "广东佛山[电信]", "浙江嘉兴[联通]")) {
            assertTrue(html.contains("<td>" + node + "</td>"), node + " in " + html);
        }
        assertTrue(html.contains("<td>127.0.0.1</td>"), html);
        assertTrue(points(html, "chart-nodes") > 0 && points(html, "chart-phases") > 0, html);
        assertTrue(html.contains("<td>all nodes</td>"), html);

        String api = get(base + "/monitors/api").body();
        assertTrue(api.contains("id=\"incidents\""), api);
        assertTrue(api.contains("<td>ongoing</td>"), api);
        assertTrue(api.contains("unexpected status: HTTP 503 (expected 200)"), api);
        assertEquals(404, get(base + "/monitors/no-such-monitor").statusCode());
    }

    @Test
    void jsonApiGivesTheSameFigures() throws Exception {
        HttpResponse<String> r = get(base + "/api/monitors");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        JsonNode list = JSON.readTree(r.body());
        assertEquals(3, list.size(), r.body());
        assertEquals("api", list.get(0).path("id").asText(), "down first");
        assertEquals("down", list.get(0).path("state").asText());
        JsonNode shop = find(list, "shop");
        assertEquals(100.0, shop.path("uptime24h").asDouble());
        assertTrue(shop.path("latencyMs").asDouble() > 0);
        assertEquals(24, shop.path("hours").size());

        JsonNode speed = JSON.readTree(get(base + "/api/monitors/speed-demo?hours=1").body());
        assertEquals(3, speed.path("lastRun").size());
        JsonNode p = speed.path("percentiles").path("all nodes").path("total");
        assertTrue(p.path("p50").asDouble() > 0 && p.path("p99").asDouble() >= p.path("p95").asDouble(), p.toString());
        assertTrue(speed.path("percentiles").has("江苏宿迁[电信]"));
        assertEquals(3_600_000, speed.path("windowMs").asLong());
        JsonNode incidents = JSON.readTree(get(base + "/api/monitors/api").body()).path("incidents");
        assertEquals(1, incidents.size());
        assertTrue(incidents.get(0).path("endMs").isNull());
    }

    @Test
    void metricsInPrometheusTextFormat() throws Exception {
        HttpResponse<String> r = get(base + "/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
        String m = r.body();
        assertTrue(value(m, "bactrian_up{monitor=\"shop\"}") == 1, m);
        assertTrue(value(m, "bactrian_up{monitor=\"api\"}") == 0, m);
        assertTrue(value(m, "bactrian_down{monitor=\"api\"}") == 1, m);
        assertTrue(value(m, "bactrian_alerts_total{kind=\"DOWN\",monitor=\"api\"}") == 1, m);
        assertTrue(value(m, "bactrian_checks_total{monitor=\"shop\",result=\"up\"}") >= 1, m);
        assertTrue(value(m, "bactrian_probe_phase_seconds_count{monitor=\"speed-demo\",node=\"江苏宿迁[电信]\",phase=\"total\"}") >= 1, m);
        assertTrue(value(m, "bactrian_probe_phase_seconds_sum{monitor=\"shop\",node=\"local\",phase=\"connect\"}") > 0, m);
        assertTrue(m.contains("bactrian_mail_queue_depth "), m);
        assertTrue(m.contains("bactrian_history_queue_depth "), m);
        assertTrue(m.contains("bactrian_history_dropped_total "), m);
        assertTrue(m.contains("camel_exchanges_total{") && m.contains("routeId=\"shop\""), "Camel's route metrics: " + m);
    }

    @Test
    void livenessAndReadiness() throws Exception {
        HttpResponse<String> live = get(base + "/observe/health/live");
        assertEquals(200, live.statusCode(), live.body());
        assertEquals("UP", JSON.readTree(live.body()).path("status").asText());
        // ready once every consumer has polled: the file queues poll within a second or two of start
        HttpResponse<String> ready = get(base + "/observe/health/ready");
        for (int i = 0; i < 100 && ready.statusCode() != 200; i++) {
            Thread.sleep(100);
            ready = get(base + "/observe/health/ready");
        }
        assertEquals(200, ready.statusCode(), ready.body());
        JsonNode body = JSON.readTree(ready.body());
        assertEquals("UP", body.path("status").asText());
        assertTrue(body.path("checks").size() > 0, ready.body());
        assertEquals(200, get(base + "/observe/health").statusCode());
    }

    /** The status page's login alone, with no users file. */
    private static Logins pageLogin(String password) {
        return new Logins(Path.of("target", "no-users.yaml"), "no-users.yaml", "admin", password);
    }

    @Test
    void basicAuthWhenAPasswordIsSet() {
        StatusEndpoints guarded = new StatusEndpoints(null, null, null, null, pageLogin("s3cret"));
        Exchange none = new DefaultExchange(app.context());
        assertFalse(guarded.allowed(none));
        assertEquals(401, none.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertTrue(none.getMessage().getHeader("WWW-Authenticate", String.class).startsWith("Basic "));
        Exchange wrong = new DefaultExchange(app.context());
        wrong.getMessage().setHeader("Authorization", basic("admin:nope"));
        assertFalse(guarded.allowed(wrong));
        assertFalse(wrong.getMessage().getBody(String.class).contains("s3cret"));
        Exchange right = new DefaultExchange(app.context());
        right.getMessage().setHeader("Authorization", basic("admin:s3cret"));
        assertTrue(guarded.allowed(right));
        assertTrue(new StatusEndpoints(null, null, null, null, pageLogin("")).allowed(new DefaultExchange(app.context())),
                "open without a password");
    }

    @Test
    void pagesInARealChromiumOnALaptopAndAPhone() throws Exception {
        String chromium = chromium();
        Assumptions.assumeTrue(chromium != null,
                "needs the Debian package chromium (apt-get install chromium) to render the status page");
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);

        String overview = run(chromium, "--dump-dom", base + "/");
        assertTrue(overview.contains("data-monitor=\"shop\" data-state=\"up\""), overview);
        assertTrue(overview.contains("data-monitor=\"api\" data-state=\"down\""), overview);
        String page = run(chromium, "--dump-dom", base + "/monitors/speed-demo");
        assertTrue(page.contains("浙江嘉兴[联通]"), page);
        assertTrue(points(page, "chart-nodes") > 0 && points(page, "chart-phases") > 0, page);

        for (String[] size : new String[][]{{"desktop", "1280,900"}, {"phone", "390,844"}}) {
            for (String[] url : new String[][]{{"overview", "/"}, {"monitor", "/monitors/speed-demo"}}) {
                Path file = shots.resolve(url[0] + "-" + size[0] + ".png").toAbsolutePath();
                Files.deleteIfExists(file);
                run(chromium, "--screenshot=" + file, "--window-size=" + size[1], "--hide-scrollbars", base + url[1]);
                assertTrue(Files.size(file) > 5_000, "a screenshot in " + file);
            }
        }
    }

    @Test
    void aKafkaGroupPageInARealChromium() throws Exception {
        String chromium = chromium();
        Assumptions.assumeTrue(chromium != null,
                "needs the Debian package chromium (apt-get install chromium) to render the status page");
        long now = System.currentTimeMillis();
        HistoryStore store = new HistoryStore(Database.h2Url(tmp.resolve("kafka")), "", "", Duration.ofDays(30),
                1000, null);
        store.start();
        String html;
        try {
            // a day of evaluations every 20 minutes: lag growing, then the consumer stalls
            for (int i = 72; i >= 0; i--) {
                long lag = 50 + (72 - i) * 20L;
                store.record(LagChecks.pay(now - i * 1_200_000L, lag, lag / 10.0,
                        i < 3 ? LagStatus.STALL : LagStatus.OK));
            }
            assertTrue(store.writer().flush(Duration.ofSeconds(10)));
            html = new StatusPage("Status", ZoneId.of("UTC"))
                    .monitor(new StatusView(store, () -> now).detail("kafka-lag/pay", 24 * 3_600_000L), now);
        } finally {
            store.stop();
        }
        Path file = tmp.resolve("kafka-group.html");
        Files.writeString(file, html);
        String dom = run(chromium, "--dump-dom", file.toUri().toString());
        assertTrue(dom.contains("id=\"group-status\" data-status=\"STALL\""), dom);
        assertFalse(dom.contains("latency"), "a group is evaluated, not probed: no empty latency figure: " + dom);
        assertTrue(dom.matches("(?s).*<tr class=\"bad\" data-topic=\"events\">.*data-topic=\"audit\">.*"),
                "the stalled topic first: " + dom);
        assertTrue(points(dom, "chart-lag-events") > 60 && points(dom, "chart-lag-seconds-events") > 60, dom);
        assertEquals(0, points(dom, "chart-lag-audit"), "no committed offset, no lag to draw");

        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        for (String[] size : new String[][]{{"desktop", "1280,900"}, {"phone", "390,844"}}) {
            Path shot = shots.resolve("kafka-group-" + size[0] + ".png").toAbsolutePath();
            Files.deleteIfExists(shot);
            run(chromium, "--screenshot=" + shot, "--window-size=" + size[1], "--hide-scrollbars",
                    file.toUri().toString());
            assertTrue(Files.size(shot) > 5_000, "a screenshot in " + shot);
        }
    }

    @Test
    void chineseNodeNamesRenderWithAChineseFont() throws Exception {
        String chromium = chromium();
        Assumptions.assumeTrue(chromium != null,
                "needs the Debian package chromium (apt-get install chromium) to render the status page");
        Assumptions.assumeTrue(!chineseFonts().isBlank(),
                "needs the Debian package fonts-wqy-zenhei (apt-get install fonts-wqy-zenhei): no font for Chinese");
        String page = run(chromium, "--dump-dom", base + "/monitors/speed-demo");
        for (String node : List.of("江苏宿迁[电信]", "广东佛山[电信]", "浙江嘉兴[联通]")) {
            assertTrue(page.contains("<td>" + node + "</td>"), node + " in " + page);
        }
        assertTrue(page.contains("<meta charset=\"utf-8\">"), page);
        Path file = Path.of("target", "screenshots", "monitor-chinese-phone.png").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        run(chromium, "--screenshot=" + file, "--window-size=390,844", "--hide-scrollbars", base + "/monitors/speed-demo");
        assertTrue(Files.size(file) > 5_000, "a screenshot in " + file);
    }

    /** The fonts fontconfig (and so Chromium) has for Chinese; empty when none. */
    static String chineseFonts() throws Exception {
        try {
            Process p = new ProcessBuilder("fc-list", ":lang=zh").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "";
        } catch (java.io.IOException e) {
            return ""; // no fontconfig at all
        }
    }

    static String chromium() {
        return Chromium.find();
    }

    String run(String chromium, String... args) throws Exception {
        return Chromium.run(tmp, chromium, args);
    }

    static int points(String html, String chart) {
        Matcher m = Pattern.compile("id=\"" + chart + "\"[^>]*data-points=\"(\\d+)\"").matcher(html);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    static double value(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return Double.NaN;
    }

    static JsonNode find(JsonNode list, String id) {
        for (JsonNode n : list) {
            if (n.path("id").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError("no monitor " + id + " in " + list);
    }

    static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes());
    }
}
