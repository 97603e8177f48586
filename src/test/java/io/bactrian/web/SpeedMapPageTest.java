package io.bactrian.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.bactrian.history.HistoryStore;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

/**
 * The real application running a speed test from loopback nodes in 江苏, 广东 (a node that
 * refuses the coordinator's token, so failing), 香港, Japan and an unknown region: the
 * monitor's page shows the last check on a map of China's provinces and of the world,
 * coloured by state, each province's nodes and phases in its hover title; then in Chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpeedMapPageTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path tmp;

    TestServer site;
    TestServer refusing;
    RunningMonitor app;
    String base;

    @BeforeAll
    void start() throws Exception {
        site = TestServer.answering(200, "ok");
        refusing = TestServer.answering(401, "unknown token");
        Path nodes = tmp.resolve("nodes.yaml");
        Files.writeString(nodes, """
                - { id: "js-suqian-ct", province: "江苏", city: "宿迁", isp: "电信", kind: "local" }
                - { id: "js-nanjing-cm", province: "江苏", city: "南京", isp: "移动", kind: "local" }
                - { id: "gd-foshan-ct", province: "广东", city: "佛山", isp: "电信", kind: "bactrian",
                    endpoint: "%s", token: "not-the-node-s" }
                - { id: "hk-pccw", province: "香港", isp: "PCCW", kind: "local" }
                - { id: "jp-tokyo", name: "东京 NTT", province: "日本", city: "东京", isp: "NTT", kind: "local" }
                - { id: "mars", province: "火星", isp: "电信", kind: "local" }
                """.formatted(refusing.url("")));
        Map<String, String> p = RunningMonitor.quiet(tmp.resolve("data"));
        int port = RunningMonitor.server(p);
        p.put("camel.main.routes-include-pattern", String.join(",", RunningMonitor.projectRoute("speed-test.yaml"),
                RunningMonitor.alertRoutes(), RunningMonitor.projectRoute("status-page.yaml")));
        p.put("speed-demo.cron", "* * * * * ? *");
        p.put("speed-demo.nodes", nodes.toString());
        p.put("speed-demo.url", site.url("/speed"));
        p.put("mail.host", "");
        app = RunningMonitor.start(p);
        base = "http://127.0.0.1:" + port;
        HistoryStore history = app.context().getRegistry().lookupByNameAndType("history", HistoryStore.class);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until && history.queries().probes("speed-demo", 0).size() < 6) {
            Thread.sleep(200); // bounded polling for the first check's six rows
        }
        assertTrue(history.writer().flush(Duration.ofSeconds(10)));
        assertTrue(history.queries().probes("speed-demo", 0).size() >= 6, "a check from the six nodes");
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        site.close();
        refusing.close();
    }

    private String page() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + "/monitors/speed-demo")).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    /** The map's path of a place, with its title. */
    private static String province(String html, String name) {
        Matcher m = Pattern.compile("<path id=\"[^\"]+\" data-name=\"" + Pattern.quote(name) + "\"[^>]*>(<title>[^<]*</title>)?")
                .matcher(html);
        assertTrue(m.find(), name + " on the map: " + html);
        return m.group();
    }

    @Test
    void provincesAreColouredByTheirNodesAndTheirTitlesListNodesAndPhases() throws Exception {
        String html = page();
        assertTrue(html.contains("id=\"speed-map\""), html);
        assertFalse(html.contains("<script"), "the page stays script-free");

        String guangdong = province(html, "广东");
        assertTrue(guangdong.contains("data-state=\"down\" class=\"down\""), guangdong);
        assertTrue(guangdong.contains("广东: 1 node, all failing"), guangdong);
        assertTrue(guangdong.contains("广东佛山[电信]: failing, "), guangdong);

        String jiangsu = province(html, "江苏");
        assertTrue(jiangsu.matches("(?s).*data-state=\"up\" class=\"t[0-3]\".*"), jiangsu);
        assertTrue(jiangsu.contains("江苏: 2 nodes, all up, median total "), jiangsu);
        for (String node : new String[]{"江苏宿迁[电信]: up · DNS ", "江苏南京[移动]: up · DNS "}) {
            assertTrue(jiangsu.contains(node), node + " in " + jiangsu);
        }
        assertTrue(jiangsu.matches("(?s).*connect [\\d.]+ ms, TLS [\\d.]+ ms, first byte [\\d.]+ ms, download [\\d.]+ ms, total [\\d.]+ ms.*"),
                jiangsu);
        assertTrue(province(html, "香港").contains("data-state=\"up\""), "香港 is a province of the map");
        assertFalse(province(html, "浙江").contains("data-state"), "no node in 浙江: " + province(html, "浙江"));
        assertTrue(province(html, "浙江").contains("<title>浙江: no node</title>"));
        assertTrue(html.contains("id=\"cn-nanhai\""), "the South China Sea islands' inset");

        assertTrue(html.contains("id=\"map-world\""), "a node in Japan brings the world view");
        assertTrue(province(html, "Japan").contains("东京 NTT: up"), province(html, "Japan"));
        assertTrue(province(html, "China").contains("data-state=\"part\""), province(html, "China"));

        Matcher unplaced = Pattern.compile("<p class=\"muted\" id=\"unplaced\">.*?</p>").matcher(html);
        assertTrue(unplaced.find(), "the node in no known region is listed, not dropped: " + html);
        assertTrue(unplaced.group().contains("火星[电信]"), unplaced.group());
        assertTrue(html.contains("<div class=\"legend\" id=\"map-legend\">"), html);
        assertTrue(html.matches("(?s).*<tr class=\"bad\" data-place=\"广东\"><td>广东</td><td class=\"num\">1</td>"
                + "<td>all failing</td>.*"), "beside the map, each place's nodes and state: " + html);
    }

    @Test
    void hoveringAProvinceInChromiumHighlightsItAndShowsItsNodes() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs the Debian packages chromium and chromium-driver (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
        ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build(), options);
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        try {
            driver.manage().window().setSize(new Dimension(1366, 900));
            driver.get(base + "/monitors/speed-demo");
            WebElement guangdong = driver.findElement(By.cssSelector("#map-china path[data-name='广东']"));
            String before = guangdong.getCssValue("stroke-width");
            new Actions(driver).moveToElement(guangdong).perform();
            assertNotEquals(before, guangdong.getCssValue("stroke-width"), "the hovered province is outlined");
            String title = guangdong.findElement(By.tagName("title")).getAttribute("textContent");
            assertTrue(title.startsWith("广东: 1 node, all failing"), title);
            assertTrue(guangdong.getCssValue("fill").equals("rgb(220, 38, 38)"), guangdong.getCssValue("fill"));
            shot(driver, shots, "speed-map-laptop");
            driver.manage().window().setSize(new Dimension(390, 844));
            driver.get(base + "/monitors/speed-demo");
            driver.executeScript("arguments[0].scrollIntoView()", driver.findElement(By.id("speed-map")));
            shot(driver, shots, "speed-map-phone");
        } finally {
            driver.quit();
        }
    }

    private static void shot(ChromeDriver driver, Path shots, String name) throws Exception {
        Path file = shots.resolve(name + ".png");
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(file) > 5_000, "a screenshot in " + file);
    }
}
