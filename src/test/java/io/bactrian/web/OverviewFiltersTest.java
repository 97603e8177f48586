package io.bactrian.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bactrian.history.HistoryStore;
import io.bactrian.store.Rows.Check;
import io.bactrian.testing.Await;
import io.bactrian.testing.MonitorList;
import io.bactrian.testing.RunningMonitor;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The overview's groups, tags, search, state filter, sorts, paging and "needs me" over HTTP,
 * from the real application with a monitor list of 301: {@code api} checked every second
 * against a server answering 503, so it goes down, and 300 fleet monitors (groups eu and us,
 * every third tagged web) that run next in 2099, whose checks go into the history as recorded
 * ones do, one of them failing, one in a maintenance window, each slower than the one before.
 * The filters and page links are also clicked in a real Chromium, at a laptop's and a phone's size (screenshots in
 * target/screenshots).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverviewFiltersTest {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();
    static final int FLEET = 300;
    static final int FAILING = 200;
    /** Up, in a maintenance window that covers the test. */
    static final int IN_MAINTENANCE = 5;
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path tmp;

    TestServer ok;
    TestServer broken;
    RunningMonitor app;
    String base;

    static String fleet(int i) {
        return String.format(Locale.ROOT, "fleet-%03d", i);
    }

    @BeforeAll
    void start() throws Exception {
        ok = TestServer.answering(200, "ok");
        broken = TestServer.answering(503, "maintenance");
        StringBuilder list = new StringBuilder("monitors:\n  - { id: api, kind: http, url: \"" + broken.url("/pay")
                + "\", cron: \"* * * * * ? *\", failure-threshold: 1, group: shop, tags: [pay, critical] }\n");
        for (int i = 0; i < FLEET; i++) {
            list.append("  - { id: ").append(fleet(i)).append(", kind: http, url: \"")
                    .append(ok.url((i < FLEET / 2 ? "/eu/" : "/us/") + i)).append("\", cron: \"0 0 0 1 1 ? 2099\", group: ")
                    .append(i < FLEET / 2 ? "eu" : "us").append(i % 3 == 0 ? ", tags: [web]" : "")
                    .append(i == 7 ? ", description: \"Kasse Berlin\"" : "")
                    .append(i == IN_MAINTENANCE ? ", maintenance: \"2020-01-01T00:00Z/2099-01-01T00:00Z\"" : "").append(" }\n");
        }
        Map<String, String> p = MonitorList.app(tmp, list.toString(), "http-monitors.yaml", "status-page.yaml");
        int port = RunningMonitor.server(p);
        app = RunningMonitor.start(p);
        base = "http://127.0.0.1:" + port;
        HistoryStore history = app.context().getRegistry().lookupByNameAndType("history", HistoryStore.class);
        long now = System.currentTimeMillis();
        for (int i = 0; i < FLEET; i++) {
            boolean up = i != FAILING;
            history.writer().offer(new Check(fleet(i), now, up, 1000.0 + i, up ? null : "timeout",
                    up ? null : "read timed out", ok.url("/" + i)));
        }
        Await.until("api down and the fleet recorded", 30_000,
                () -> history.queries().down("api") && history.queries().latest().size() == FLEET + 1);
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
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode overview(String query) throws Exception {
        HttpResponse<String> r = get(base + "/api/v1/overview" + query);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    static List<String> ids(JsonNode o) {
        List<String> out = new ArrayList<>();
        o.path("monitors").forEach(m -> out.add(m.path("id").asText()));
        return out;
    }

    @Test
    void theFirstPageHasTheDownMonitorFirstAndTheTotals() throws Exception {
        String html = get(base + "/?per-page=50").body();
        List<String> listed = OverviewPagesTest.listed(html);
        assertEquals(50, listed.size());
        assertEquals("api down", listed.get(0), html);
        assertEquals(fleet(FAILING) + " failing", listed.get(1));
        assertTrue(html.contains("1–50 of 301 · page 1 of 7"), html);
        assertTrue(html.contains("rel=\"next\" href=\"?per-page=50&amp;page=2\""), html);
        assertTrue(html.contains("data-group=\"eu\" href=\"?group=eu&amp;per-page=50\">eu <b>150</b>"), html);

        JsonNode o = overview("?per-page=50&page=7");
        assertEquals(301, o.path("total").asInt());
        assertEquals(301, o.path("matched").asInt());
        assertEquals(7, o.path("pages").asInt());
        assertEquals(1, o.path("counts").path("down").asInt());
        assertEquals(1, o.path("counts").path("failing").asInt());
        assertEquals(List.of(fleet(FLEET - 1)), ids(o), "the last page holds the one left over");
    }

    @Test
    void groupsTagsAndSearchOverIdDescriptionAndUrl() throws Exception {
        JsonNode euWeb = overview("?group=eu&tag=web&per-page=1000");
        assertEquals(50, euWeb.path("matched").asInt());
        assertTrue(ids(euWeb).stream().allMatch(id -> Integer.parseInt(id.substring(6)) % 3 == 0
                && Integer.parseInt(id.substring(6)) < FLEET / 2), ids(euWeb).toString());
        assertEquals(List.of("api"), ids(overview("?tag=critical")));
        assertEquals(List.of(fleet(7)), ids(overview("?q=kasse")), "by description");
        assertEquals(10, overview("?q=fleet-12").path("matched").asInt(), "by id: fleet-120 to fleet-129");
        assertEquals(List.of("api"), ids(overview("?q=/pay")), "by URL");
        assertEquals(List.of(fleet(42)), ids(overview("?q=eu+fleet-042")), "every word, the group one of them");
        JsonNode first = overview("?tag=web").path("monitors").get(0);
        assertEquals("eu", first.path("group").asText());
        assertEquals("web", first.path("tags").get(0).asText());
    }

    @Test
    void filterByStateAndOnlyWhatNeedsMe() throws Exception {
        assertEquals(List.of("api"), ids(overview("?state=down")));
        assertEquals(List.of(fleet(FAILING)), ids(overview("?state=degraded")));
        assertEquals(298, overview("?state=up").path("matched").asInt());
        assertEquals(List.of(fleet(IN_MAINTENANCE)), ids(overview("?state=maintenance")), "in its window");
        JsonNode needs = overview("?needs=me");
        assertEquals(List.of("api", fleet(FAILING)), ids(needs));
        assertEquals(2, needs.path("needs").asInt());
        String html = get(base + "/?needs=me").body();
        assertEquals(List.of("api down", fleet(FAILING) + " failing"), OverviewPagesTest.listed(html));
        assertTrue(html.contains("class=\"on\">needs me <b>2</b>"), html);
    }

    @Test
    void sortsByNameResponseTimeAndLastChange() throws Exception {
        assertEquals(List.of("api", fleet(0), fleet(1)), ids(overview("?sort=name&per-page=3")));
        assertEquals(List.of(fleet(149), fleet(148)), ids(overview("?sort=response&group=eu&per-page=2")),
                "slowest first");
        assertEquals("api", ids(overview("?sort=changed&per-page=1")).get(0), "the only one whose state changed");
        String html = get(base + "/?sort=name&group=us").body();
        assertEquals(fleet(150) + " up", OverviewPagesTest.listed(html).get(0));
        assertTrue(html.contains("<option value=\"name\" selected>"), html);
        assertTrue(html.contains("<input type=\"hidden\" name=\"group\" value=\"us\">"), html);
    }

    @Test
    void badParametersAnswer400NamingThem() throws Exception {
        HttpResponse<String> page = get(base + "/?page=-1");
        assertEquals(400, page.statusCode());
        assertEquals("page '-1' is not a whole number from 1 to 2147483647", page.body());
        HttpResponse<String> sort = get(base + "/api/v1/overview?sort=bogus");
        assertEquals(400, sort.statusCode());
        assertEquals("sort 'bogus' is not one of [state, name, response, changed]",
                JSON.readTree(sort.body()).path("error").asText());
        assertEquals(400, get(base + "/?state=sideways").statusCode());
        assertEquals(400, get(base + "/api/monitors?per-page=5000").statusCode());
        assertEquals(0, overview("?page=99").path("monitors").size(), "past the last page: none, not an error");
    }

    @Test
    void aFilterAndAPageLinkClickedInChromiumOnALaptopAndAPhone() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs the Debian packages chromium and chromium-driver to click through the overview");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
        ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build(), options);
        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        try {
            driver.manage().window().setSize(new Dimension(1366, 768));
            driver.get(base + "/?per-page=50");
            driver.findElement(By.cssSelector("a[data-count='down']")).click();
            assertEquals(List.of("api down"), OverviewPagesTest.listed(driver.getPageSource()));
            assertTrue(driver.getCurrentUrl().endsWith("/?state=down&per-page=50"), driver.getCurrentUrl());

            driver.get(base + "/?per-page=50");
            driver.findElement(By.cssSelector("#pages a[rel='next']")).click();
            assertEquals("2", driver.findElement(By.id("pages")).getDomAttribute("data-page"));
            assertEquals(fleet(48) + " up", OverviewPagesTest.listed(driver.getPageSource()).get(0),
                    "page 2 goes on after the down, the failing and 48 others");
            shot(driver, shots.resolve("overview-laptop.png"));

            driver.manage().window().setSize(new Dimension(390, 844));
            driver.get(base + "/?per-page=50");
            driver.findElement(By.id("needs")).click();
            assertEquals(2, OverviewPagesTest.listed(driver.getPageSource()).size());
            Rectangle form = driver.findElement(By.id("filter")).getRect();
            long width = driver.findElement(By.tagName("html")).getRect().getWidth();
            assertTrue(form.getX() + form.getWidth() <= width, "the filter fits the phone's width: " + form + " in " + width);
            shot(driver, shots.resolve("overview-phone.png"));
        } finally {
            driver.quit();
        }
    }

    private static void shot(ChromeDriver driver, Path file) throws Exception {
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(file) > 5_000, "a screenshot in " + file);
    }
}
