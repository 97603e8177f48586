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
import java.util.concurrent.atomic.AtomicInteger;

import io.bactrian.auth.PasswordHashes;
import io.bactrian.testing.Await;
import io.bactrian.testing.MonitorListProject;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The management page's channels and alert queue in Debian's chromium, by clicks: a test alert
 * sent through the webhook shows what the loopback receiver answered, refused and then taken;
 * an alert the receiver refused is sent again from the queue and arrives; a viewer is shown no
 * control it may not use. Screenshots at a laptop's and a phone's size land in target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ManageChannelsBrowserTest {
    private static final String VIEWER = "vera:vera-pass-7Qx";
    private static final String EDITOR = "eddie:eddie-pass-9Zr";
    private static final String KEY = "hook-key-Mn40sWq2";

    @TempDir
    static Path dir;
    private static MonitorProcess app;
    private static TestServer target;
    private static TestServer receiver;
    /** What the webhook receiver answers now: 400 refuses for good, 200 takes it. */
    private static final AtomicInteger STATUS = new AtomicInteger(400);
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        ManageBrowser.assumeInstalled();
        port = MonitorProcess.freePort();
        MonitorListProject.create(dir, port);
        target = TestServer.answering(500, "down");
        receiver = TestServer.http((request, out) -> TestServer.respond(out, STATUS.get(),
                STATUS.get() == 200 ? "accepted by receiver" : "hook refused: payload rejected", "Connection: close"));
        // down at its first failure; its DOWN goes to the webhook, which refuses it for good
        MonitorListProject.write(dir, "a.yaml", MonitorListProject.everySecond(List.of("failure-threshold: 1"),
                "flaky", target.url("/flaky")));
        MonitorProcess.setProperty(dir, "alert.channels", "webhook");
        MonitorProcess.setProperty(dir, "channel.webhook.url", receiver.url("/hook?key=" + KEY));
        MonitorProcess.setProperty(dir, "channel.poll-delay", "100");
        MonitorProcess.setProperty(dir, "channel.group-wait", "0");
        Files.writeString(dir.resolve("users.yaml"), "users:\n" + user(VIEWER, "viewer") + user(EDITOR, "editor"));
        Files.copy(MonitorProcess.ROUTES.resolve("monitor-api.yaml"), dir.resolve("routes/monitor-api.yaml"));
        app = MonitorProcess.start(dir, List.of(), "run");
        if (app.awaitStdout(l -> l.contains("(bactrian) started in"), Duration.ofSeconds(180)).isEmpty()) {
            String out = app.stdoutText();
            app.close();
            throw new AssertionError("not started:\n" + out);
        }
        Await.until("the DOWN refused by the receiver", 120_000, () -> get("/api/v1/alerts").contains("\"state\":\"failed\""));
    }

    private static String user(String login, String role) {
        return "  - name: " + login.substring(0, login.indexOf(':')) + "\n    role: " + role + "\n    password-hash: \""
                + PasswordHashes.hash(login.substring(login.indexOf(':') + 1)) + "\"\n";
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (target != null) {
            target.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    /** A read of the API as the editor, as text. */
    private static String get(String path) {
        try {
            return read(path);
        } catch (Exception e) {
            throw new AssertionError(path + ": " + e, e);
        }
    }

    private static String read(String path) throws Exception {
        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(EDITOR.getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reply.statusCode(), path + ": " + reply.body());
        return reply.body();
    }

    /** The page as {@code login} (user:password), in {@code language} at {@code width} x {@code height}, loaded. */
    private static ChromeDriver open(String login, String language, int width, int height) {
        ChromeDriver driver = ManageBrowser.start(language, width, height);
        try {
            driver.manage().window().setSize(new Dimension(width, height));
            driver.get("http://" + login + "@127.0.0.1:" + port + "/manage");
            await(driver).until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready"))
                    && "true".equals(d.findElement(By.id("channels")).getDomAttribute("data-ready"))
                    && "true".equals(d.findElement(By.id("queue")).getDomAttribute("data-ready")));
            return driver;
        } catch (TimeoutException e) {
            String console = ManageBrowser.console(driver);
            driver.quit();
            throw new AssertionError("the page did not load; its console:\n" + console, e);
        } catch (RuntimeException | Error e) {
            driver.quit();
            throw e;
        }
    }

    private static WebDriverWait await(WebDriver driver) {
        return ManageBrowser.await(driver);
    }

    private static WebElement channel(WebDriver driver, String name) {
        return driver.findElement(By.cssSelector("tr[data-channel='" + name + "']"));
    }

    private static void shot(ChromeDriver driver, String name) throws Exception {
        ManageBrowser.shot(driver, name);
    }

    @Test
    @Order(1)
    void aViewerSeesTheChannelsAndTheQueueButNoControlItMayNotUse() throws Exception {
        ChromeDriver driver = open(VIEWER, "en-US", 1366, 768);
        try {
            assertEquals("viewer", driver.findElement(By.tagName("body")).getDomAttribute("data-role"));
            assertTrue(driver.findElement(By.cssSelector("tr[data-id='flaky']")).getText().contains("http"));
            assertTrue(channel(driver, "webhook").getText().contains("ready"), channel(driver, "webhook").getText());
            assertFalse(driver.findElements(By.cssSelector("#queue-table tr[data-state='failed']")).isEmpty(),
                    "the refused alert is listed");
            assertFalse(driver.findElement(By.id("add")).isDisplayed(), "no add button");
            List<String> buttons = driver.findElements(By.cssSelector("main button")).stream()
                    .filter(WebElement::isDisplayed).map(b -> b.getDomAttribute("id") + " " + b.getText()).toList();
            assertEquals(List.of("incidents-refresh Refresh", "queue-reload Reload"), buttons, "only reading controls");
            assertFalse(driver.getPageSource().contains(KEY), "the webhook's key is nowhere in the page");
        } finally {
            driver.quit();
        }
    }

    @Test
    @Order(2)
    void sendATestAndSendARefusedAlertAgain() throws Exception {
        ChromeDriver driver = open(EDITOR, "en-US", 1366, 768);
        try {
            assertEquals("editor", driver.findElement(By.tagName("body")).getDomAttribute("data-role"));
            assertTrue(channel(driver, "webhook").getText().contains("channel.webhook.url = ******"),
                    channel(driver, "webhook").getText());
            // refused: the receiver's status and body beside the button
            int before = receiver.requests().size();
            channel(driver, "webhook").findElement(By.cssSelector("button[data-action='test']")).click();
            await(driver).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("tr[data-channel='webhook'] td.answer"), "Failed: HTTP 400: hook refused: payload rejected"));
            assertTrue(receiver.requests().get(before).body().contains("[TEST] bactrian"),
                    receiver.requests().get(before).body());
            // taken
            STATUS.set(200);
            channel(driver, "webhook").findElement(By.cssSelector("button[data-action='test']")).click();
            await(driver).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("tr[data-channel='webhook'] td.answer"), "Delivered: HTTP 200: accepted by receiver"));
            assertEquals(before + 2, receiver.requests().size(), "two tests, one request each");

            // the DOWN the receiver refused, its last error beside it
            WebElement refused = driver.findElement(By.cssSelector("#queue-table tr[data-state='failed']"));
            assertTrue(refused.getText().contains("flaky"), refused.getText());
            assertTrue(refused.findElement(By.cssSelector("td.last-error")).getText().contains("HTTP 400"),
                    refused.getText());
            shot(driver, "manage-channels-laptop");
            driver.executeScript("arguments[0].scrollIntoView()", driver.findElement(By.id("queue")));
            shot(driver, "manage-queue-laptop");
            int sent = receiver.requests().size();
            refused.findElement(By.cssSelector("button[data-action='resend']")).click();
            await(driver).until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "is queued again"));
            Await.until("the DOWN sent again and taken", 60_000, () -> receiver.requests().stream().skip(sent)
                    .anyMatch(r -> r.body().contains("flaky")));
            await(driver).until(d -> {
                d.findElement(By.id("queue-reload")).click();
                return d.findElement(By.id("queue-table")).getText().contains("Every alert was delivered.");
            });
        } finally {
            driver.quit();
        }
    }

    @Test
    @Order(3)
    void onAPhoneInChinese() throws Exception {
        ChromeDriver driver = open(EDITOR, "zh-CN", 390, 844);
        try {
            assertEquals("告警渠道", driver.findElement(By.id("channels-heading")).getText());
            WebElement webhook = channel(driver, "webhook");
            WebElement button = webhook.findElement(By.cssSelector("button[data-action='test']"));
            assertEquals("发送测试", button.getText());
            assertTrue(button.getSize().getHeight() >= 44, "a button a finger hits: " + button.getSize());
            assertTrue(driver.findElement(By.id("channels-table")).getSize().getWidth() <= 390, "no sideways scrolling");
            // by the keyboard: the button takes Enter
            button.sendKeys(org.openqa.selenium.Keys.ENTER);
            await(driver).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("tr[data-channel='webhook'] td.answer"), "已送达：HTTP 200"));
            driver.executeScript("arguments[0].scrollIntoView()", webhook);
            shot(driver, "manage-channels-phone");
            driver.executeScript("arguments[0].scrollIntoView()", driver.findElement(By.id("queue")));
            shot(driver, "manage-queue-phone");
        } finally {
            driver.quit();
        }
    }
}
