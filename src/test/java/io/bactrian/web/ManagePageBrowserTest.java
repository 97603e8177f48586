package io.bactrian.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import io.bactrian.testing.Await;
import io.bactrian.testing.CountingTarget;
import io.bactrian.testing.MonitorListProject;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The management page in Debian's chromium, driven by clicks and keys as a user would: add a
 * monitor (a missing and a wrong field shown at the field), edit it, see a change made meanwhile
 * refused, clone, pause, delete; each step is checked in the monitor list file on disk. An open
 * incident silenced until a time, unsilenced, silenced until resolved and ended; a maintenance
 * window refused at its field, then saved, the list saying when the next starts. Screenshots
 * at a laptop's and a phone's size land in target/screenshots.
 * <p>
 * Long because one application and its targets serve every case: starting them costs more than
 * the cases do, and split classes would each start their own.
 */
class ManagePageBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String PASSWORD = "s3cret-login";
    private static final String SECRET = "hunter2-Kq7xZ";
    private static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path dir;
    private static CountingTarget target;
    private static MonitorProcess app;
    private static String base;
    private static String api;
    private static TestServer hook;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "needs the Debian package chromium (apt-get install chromium) to drive the management page");
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER),
                "needs the Debian package chromium-driver (apt-get install chromium-driver) to drive the management page");
        int port = MonitorProcess.freePort();
        MonitorListProject.create(dir, port);
        target = new CountingTarget();
        MonitorListProject.write(dir, "a.yaml", """
                defaults:
                  kind: http
                  cron: "0 0 3 1 1 ?"
                monitors:
                  - id: alpha
                    url: "%s"
                """.formatted(target.url("/alpha")));
        MonitorListProject.write(dir, "db.yaml", MonitorListProject.shopDb(SECRET));
        // down at its first failure, and alerting to a webhook: a check now must do neither
        target.answer("/down", 500);
        MonitorListProject.write(dir, "checks.yaml", """
                defaults:
                  cron: "0 0 3 1 1 ?"
                  failure-threshold: 1
                monitors:
                  - id: broken
                    kind: http
                    url: "%s"
                  - id: speedy
                    kind: speed-test
                    url: "%s"
                """.formatted(target.url("/down"), target.url("/speed")));
        // down at every check, its alerts to no channel: an open incident for the incidents view;
        // quiet is in a maintenance window until 2099
        MonitorListProject.write(dir, "incidents.yaml", """
                defaults:
                  kind: http
                monitors:
                  - id: flaky
                    cron: "* * * * * ? *"
                    failure-threshold: 1
                    url: "%s"
                  - id: quiet
                    cron: "0 0 3 1 1 ?"
                    maintenance: "2020-01-01T00:00Z/2099-01-01T00:00Z"
                    url: "%s"
                """.formatted(target.url("/flaky"), target.url("/quiet")));
        target.answer("/flaky", 500);
        MonitorProcess.setProperty(dir, "alert.channels.flaky", "none");
        hook = TestServer.answering(200, "ok");
        MonitorProcess.setProperty(dir, "alert.channels", "webhook");
        MonitorProcess.setProperty(dir, "channel.webhook.url", hook.url("/hook"));
        MonitorProcess.setProperty(dir, "channel.poll-delay", "100");
        MonitorProcess.setProperty(dir, "channel.group-wait", "0");
        MonitorProcess.setProperty(dir, "status-page.password", PASSWORD);
        for (String route : List.of("monitor-api.yaml", "db-load-monitors.yaml", "speed-test-monitors.yaml")) {
            Files.copy(MonitorProcess.ROUTES.resolve(route), dir.resolve("routes").resolve(route));
        }
        app = MonitorProcess.start(dir, List.of(), "run");
        if (app.awaitStdout(l -> l.contains("(bactrian) started in"), Duration.ofSeconds(180)).isEmpty()) {
            String out = app.stdoutText();
            app.close();
            throw new AssertionError("not started:\n" + out);
        }
        base = "http://admin:" + PASSWORD + "@127.0.0.1:" + port;
        api = "http://127.0.0.1:" + port;
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (target != null) {
            target.close();
        }
        if (hook != null) {
            hook.close();
        }
    }

    private static ChromeDriver browser(String language) {
        return ManageBrowser.start(language, 1366, 768);
    }

    /** The page in English at a laptop's size, loaded. */
    private static ChromeDriver laptop() {
        ChromeDriver driver = browser("en-US");
        try {
            driver.manage().window().setSize(new Dimension(1366, 768));
            open(driver, "");
            return driver;
        } catch (RuntimeException | Error e) {
            driver.quit();
            throw e;
        }
    }

    private static WebDriverWait await(WebDriver driver) {
        return ManageBrowser.await(driver);
    }

    private static void open(ChromeDriver driver, String query) {
        driver.get(base + "/manage" + query);
        try {
            await(driver).until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready"))
                    && "true".equals(d.findElement(By.id("incidents")).getDomAttribute("data-ready")));
        } catch (TimeoutException e) {
            StringBuilder console = new StringBuilder();
            driver.manage().logs().get(LogType.BROWSER).forEach(l -> console.append(l).append('\n'));
            throw new AssertionError("the page did not load; its console:\n" + console + driver.getPageSource(), e);
        }
    }

    private static WebElement row(WebDriver driver, String id) {
        return driver.findElement(By.cssSelector("tr[data-id='" + id + "']"));
    }

    private static void click(WebDriver driver, String id, String action) {
        row(driver, id).findElement(By.cssSelector("button[data-action='" + action + "']")).click();
    }

    private static void awaitNotice(WebDriver driver, String text) {
        await(driver).until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), text));
    }

    private static WebElement setting(WebDriver driver, String name) {
        return driver.findElement(By.id("f-s-" + name));
    }

    private static void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }

    private static String file(String name) throws Exception {
        Path path = dir.resolve("monitors").resolve(name);
        return Files.exists(path) ? Files.readString(path) : "";
    }

    private static void shot(ChromeDriver driver, String name) throws Exception {
        ManageBrowser.shot(driver, name);
    }

    @Test
    void addEditPauseCloneAndDeleteByClicks() throws Exception {
        ChromeDriver driver = laptop();
        try {
            assertEquals("Monitors", driver.findElement(By.id("monitors-heading")).getText());
            assertTrue(row(driver, "alpha").getText().contains("http"), row(driver, "alpha").getText());
            assertTrue(row(driver, "shop-db").getText().contains("db-load"), row(driver, "shop-db").getText());

            // add, by the keyboard: the form opens with the id focused
            driver.findElement(By.id("add")).sendKeys(Keys.ENTER);
            await(driver).until(d -> "f-id".equals(d.switchTo().activeElement().getDomAttribute("id")));
            driver.switchTo().activeElement().sendKeys("gamma");
            new Select(driver.findElement(By.id("f-kind"))).selectByValue("http");
            // the http kind's form is made of its steps' settings, with their defaults
            assertEquals("200", setting(driver, "expect-status").getDomAttribute("placeholder"));
            assertTrue(driver.findElement(By.id("help-f-s-url")).getText().contains("URL"),
                    driver.findElement(By.id("help-f-s-url")).getText());
            driver.findElement(By.id("save")).click();
            // url is required: said at the field, nothing sent
            await(driver).until(ExpectedConditions.textToBePresentInElementLocated(By.id("err-f-s-url"), "required"));
            assertEquals("true", setting(driver, "url").getDomAttribute("aria-invalid"));
            assertEquals("", file("api.yaml"));

            type(setting(driver, "url"), target.url("/gamma"));
            type(setting(driver, "cron"), "0 0 25 * * ? *");
            driver.findElement(By.id("save")).click();
            // the API's refusal, at the field it names
            await(driver).until(d -> !d.findElement(By.id("err-f-s-cron")).getText().isBlank());
            assertTrue(driver.findElement(By.id("err-f-s-cron")).getText().contains("0 0 25 * * ? *"),
                    driver.findElement(By.id("err-f-s-cron")).getText());
            assertEquals("f-s-cron", driver.switchTo().activeElement().getDomAttribute("id"));
            assertEquals("", file("api.yaml"));
            shot(driver, "manage-refused-laptop");

            type(setting(driver, "cron"), "0 0 3 1 1 ?");
            driver.findElement(By.id("save")).click();
            awaitNotice(driver, "Added gamma.");
            assertTrue(row(driver, "gamma").getText().contains("http"), row(driver, "gamma").getText());
            assertEquals("monitors:\n  - id: gamma\n    kind: http\n    cron: \"0 0 3 1 1 ?\"\n    url: \""
                    + target.url("/gamma") + "\"\n", file("api.yaml"));
            shot(driver, "manage-list-laptop");

            // edit: the form holds the monitor's values
            click(driver, "gamma", "edit");
            await(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("editor")));
            assertEquals(target.url("/gamma"), setting(driver, "url").getDomProperty("value"));
            assertEquals("true", driver.findElement(By.id("f-id")).getDomProperty("readOnly"));
            type(setting(driver, "url"), target.url("/gamma2"));
            type(setting(driver, "timeout"), "3s");
            shot(driver, "manage-edit-laptop");
            driver.findElement(By.id("save")).click();
            awaitNotice(driver, "Saved gamma.");
            assertTrue(file("api.yaml").contains("url: \"" + target.url("/gamma2") + "\"\n    timeout: \"3s\"\n"),
                    file("api.yaml"));

            // a change made meanwhile by hand: refused, nothing lost, a reload offered
            click(driver, "alpha", "edit");
            await(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("editor")));
            MonitorProcess.edit(dir, "monitors/a.yaml", t -> t.replace("/alpha\"", "/alpha-by-hand\""));
            type(setting(driver, "url"), target.url("/alpha-from-page"));
            driver.findElement(By.id("save")).click();
            awaitNotice(driver, "alpha was changed meanwhile");
            assertTrue(file("a.yaml").contains("/alpha-by-hand\""), file("a.yaml"));
            driver.findElement(By.id("reload")).click();
            await(driver).until(d -> d.findElement(By.id("f-s-url")).getDomProperty("value").endsWith("/alpha-by-hand"));
            driver.findElement(By.id("cancel")).click();

            // pause, then resume
            click(driver, "gamma", "pause");
            awaitNotice(driver, "Paused gamma.");
            assertTrue(row(driver, "gamma").getText().contains("paused"), row(driver, "gamma").getText());
            assertTrue(file("api.yaml").contains("enabled: false"), file("api.yaml"));
            click(driver, "gamma", "resume");
            awaitNotice(driver, "Resumed gamma.");
            assertFalse(file("api.yaml").contains("enabled: false"), file("api.yaml"));

            // clone: a new id in the same file, the settings copied
            click(driver, "alpha", "clone");
            await(driver).until(d -> "alpha-copy".equals(d.findElement(By.id("f-id")).getDomProperty("value")));
            driver.findElement(By.id("save")).click();
            awaitNotice(driver, "Added alpha-copy.");
            assertTrue(file("a.yaml").contains("- id: alpha-copy\n    kind: http\n    url: \""
                    + target.url("/alpha-by-hand") + "\""), file("a.yaml"));

            // a secret is named as set, its value in no field and nowhere in the page
            click(driver, "shop-db", "edit");
            await(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("f-s-password")));
            assertEquals("(set)", driver.findElement(By.id("state-f-s-password")).getText());
            assertEquals("", setting(driver, "password").getDomProperty("value"));
            assertEquals("password", setting(driver, "password").getDomAttribute("type"));
            assertFalse(driver.getPageSource().contains(SECRET));
            driver.findElement(By.id("cancel")).click();

            // delete, after the confirmation
            click(driver, "gamma", "delete");
            await(driver).until(ExpectedConditions.alertIsPresent());
            assertTrue(driver.switchTo().alert().getText().contains("gamma"));
            driver.switchTo().alert().accept();
            awaitNotice(driver, "Deleted gamma.");
            assertTrue(driver.findElements(By.cssSelector("tr[data-id='gamma']")).isEmpty());
            assertFalse(file("api.yaml").contains("gamma"), file("api.yaml"));
        } finally {
            driver.quit();
        }
    }

    @Test
    void checkNowShowsTheResultAndAlertsNobody() throws Exception {
        ChromeDriver driver = laptop();
        try {
            int before = target.requests("/down");
            click(driver, "broken", "check");
            await(driver).until(ExpectedConditions.textToBe(By.id("result-heading"), "Check of broken: DOWN"));
            assertTrue(driver.findElement(By.id("result-summary")).getText().contains("HTTP 500"),
                    driver.findElement(By.id("result-summary")).getText());
            assertEquals(before + 1, target.requests("/down"), "checked once");
            // the alert rule did not run: no incident open, nothing queued, nothing sent
            assertFalse(get("/api/v1/incidents").contains("\"broken\""), get("/api/v1/incidents"));
            assertTrue(get("/api/v1/alerts").contains("\"alerts\":[]"), get("/api/v1/alerts"));
            assertEquals(List.of(), hook.requests());

            // a speed test: its per-node table
            click(driver, "speedy", "check");
            await(driver).until(ExpectedConditions.textToBe(By.id("result-heading"), "Check of speedy: UP"));
            List<WebElement> header = driver.findElements(By.cssSelector("#result-table th"));
            assertEquals("Node", header.get(0).getText());
            List<WebElement> rows = driver.findElements(By.cssSelector("#result-table tbody tr"));
            assertEquals(1, rows.size(), "this process is the one node");
            assertTrue(rows.get(0).getText().contains("200"), rows.get(0).getText());
            shot(driver, "manage-check-laptop");
        } finally {
            driver.quit();
        }
    }

    private static WebElement incident(WebDriver driver, String id) {
        return driver.findElement(By.cssSelector("tr[data-incident='" + id + "']"));
    }

    /** Sets a date-time field as its picker would: the typed form of datetime-local differs per locale. */
    private static void pick(ChromeDriver driver, WebElement input, String localDateTime) {
        driver.executeScript("arguments[0].value = arguments[1];"
                + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", input, localDateTime);
    }

    @Test
    void silenceAnIncidentAndEditAMaintenanceWindow() throws Exception {
        Await.until("flaky's incident", 120_000, () -> {
            try {
                return get("/api/v1/incidents").contains("\"flaky\"");
            } catch (Exception e) {
                return false;
            }
        });
        ChromeDriver driver = laptop();
        try {
            assertEquals("Open incidents", driver.findElement(By.id("incidents-heading")).getText());
            assertTrue(incident(driver, "flaky").getText().contains("not silenced"), incident(driver, "flaky").getText());

            // until a time: none given is said at the field; one past is the API's refusal at the field
            incident(driver, "flaky").findElement(By.cssSelector("button[data-action='silence-until']")).click();
            WebElement until = driver.findElement(By.id("i-flaky-until"));
            await(driver).until(d -> "true".equals(until.getDomAttribute("aria-invalid")));
            assertEquals("required", driver.findElement(By.id("i-flaky-err")).getText());
            pick(driver, until, "2020-01-01T10:00");
            incident(driver, "flaky").findElement(By.cssSelector("button[data-action='silence-until']")).click();
            await(driver).until(d -> d.findElement(By.id("i-flaky-err")).getText().contains("not in the future"));
            assertEquals("i-flaky-until", driver.switchTo().activeElement().getDomAttribute("id"));
            assertTrue(get("/api/v1/incidents").contains("\"silence\":null"), get("/api/v1/incidents"));

            pick(driver, driver.findElement(By.id("i-flaky-until")), "2099-12-09T10:00");
            driver.findElement(By.id("i-flaky-comment")).sendKeys("switch replaced");
            incident(driver, "flaky").findElement(By.cssSelector("button[data-action='silence-until']")).click();
            awaitNotice(driver, "Silenced flaky");
            assertTrue(incident(driver, "flaky").getText().contains("silenced by admin until"),
                    incident(driver, "flaky").getText());
            assertTrue(incident(driver, "flaky").getText().contains("switch replaced"), incident(driver, "flaky").getText());
            assertTrue(get("/api/v1/incidents").contains("\"until\":\"2099-12-"), get("/api/v1/incidents"));
            shot(driver, "manage-incidents-laptop");

            // unsilence, then until resolved by the keyboard: focus stays on the row's buttons
            incident(driver, "flaky").findElement(By.cssSelector("button[data-action='unsilence']")).click();
            awaitNotice(driver, "flaky is no longer silenced.");
            assertTrue(incident(driver, "flaky").getText().contains("not silenced"), incident(driver, "flaky").getText());
            assertEquals("silence-resolved", driver.switchTo().activeElement().getDomAttribute("data-action"));
            driver.switchTo().activeElement().sendKeys(Keys.ENTER);
            await(driver).until(d -> incident(d, "flaky").getText().contains("silenced by admin until resolved"));
            assertTrue(get("/api/v1/incidents").contains("\"until\":null"), get("/api/v1/incidents"));

            // maintenance: quiet is in a window now; a wrong window is refused at its field, a right one saved
            assertTrue(row(driver, "quiet").getText().contains("in maintenance now"), row(driver, "quiet").getText());
            assertFalse(row(driver, "alpha").getText().contains("maintenance"), row(driver, "alpha").getText());
            click(driver, "quiet", "edit");
            await(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("f-s-maintenance")));
            type(setting(driver, "maintenance"), "0 0 25 * * ? for 1h");
            driver.findElement(By.id("save")).click();
            await(driver).until(d -> !d.findElement(By.id("err-f-s-maintenance")).getText().isBlank());
            assertTrue(driver.findElement(By.id("err-f-s-maintenance")).getText().contains("0 0 25 * * ?"),
                    driver.findElement(By.id("err-f-s-maintenance")).getText());
            assertEquals("f-s-maintenance", driver.switchTo().activeElement().getDomAttribute("id"));
            assertTrue(file("incidents.yaml").contains("2099-01-01T00:00Z"), file("incidents.yaml"));
            shot(driver, "manage-maintenance-refused-laptop");
            type(setting(driver, "maintenance"), "0 0 2 * * SUN for 2h");
            driver.findElement(By.id("save")).click();
            awaitNotice(driver, "Saved quiet.");
            assertTrue(file("incidents.yaml").contains("maintenance: \"0 0 2 * * SUN for 2h\""), file("incidents.yaml"));
            assertTrue(row(driver, "quiet").getText().contains("next maintenance"), row(driver, "quiet").getText());

            // ended by hand, after the confirmation
            incident(driver, "flaky").findElement(By.cssSelector("button[data-action='end']")).click();
            await(driver).until(ExpectedConditions.alertIsPresent());
            driver.switchTo().alert().accept();
            awaitNotice(driver, "Ended the incident of flaky.");
        } finally {
            driver.quit();
        }
    }

    /** A read of the API with the login, as text. */
    private static String get(String path) throws Exception {
        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reply.statusCode(), path + ": " + reply.body());
        return reply.body();
    }

    @Test
    void inChineseOnAPhone() throws Exception {
        ChromeDriver driver = browser("zh-CN");
        try {
            driver.manage().window().setSize(new Dimension(390, 844));
            open(driver, "");
            assertEquals("zh-CN", driver.findElement(By.tagName("html")).getDomAttribute("lang"));
            assertEquals("监控", driver.findElement(By.id("monitors-heading")).getText());
            // a row is a card: its cells one under the other
            WebElement alpha = row(driver, "alpha");
            List<WebElement> cells = alpha.findElements(By.tagName("td"));
            assertTrue(cells.get(1).getLocation().getY() > cells.get(0).getLocation().getY(), "cells stacked");
            assertEquals("类型", cells.get(1).getDomAttribute("data-label"));
            WebElement edit = alpha.findElement(By.cssSelector("button[data-action='edit']"));
            assertEquals("编辑", edit.getText());
            assertTrue(edit.getSize().getHeight() >= 44, "a button a finger hits: " + edit.getSize());
            assertTrue(driver.findElement(By.id("monitors")).getSize().getWidth() <= 390, "no sideways scrolling");
            shot(driver, "manage-list-phone");
            edit.click();
            await(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("f-s-url")));
            shot(driver, "manage-edit-phone");

            // the incidents view: a card per incident, its buttons a finger hits
            await(driver).until(d -> !d.findElements(By.cssSelector("tr[data-incident='flaky']")).isEmpty());
            WebElement silence = incident(driver, "flaky").findElement(By.cssSelector("button[data-action='silence-resolved']"));
            assertEquals("静默至恢复", silence.getText());
            assertTrue(silence.getSize().getHeight() >= 44, "a button a finger hits: " + silence.getSize());
            assertTrue(driver.findElement(By.id("incidents")).getSize().getWidth() <= 390, "no sideways scrolling");
            driver.executeScript("arguments[0].scrollIntoView()", driver.findElement(By.id("incidents-heading")));
            shot(driver, "manage-incidents-phone");

            // the switch: English whatever the browser says
            driver.findElement(By.cssSelector("a[hreflang='en']")).click();
            await(driver).until(ExpectedConditions.textToBe(By.id("monitors-heading"), "Monitors"));
        } finally {
            driver.quit();
        }
    }
}
