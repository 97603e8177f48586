package io.bactrian.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import io.bactrian.testing.Chromium;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's chromium driven headless through chromium-driver, for the tests of /manage; screenshots in target/screenshots. */
final class ManageBrowser {
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target", "screenshots");

    private ManageBrowser() {
    }

    /** Skips the test class when chromium or its driver is not installed. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(Chromium.find() != null,
                "needs the Debian package chromium (apt-get install chromium) to drive the management page");
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER),
                "needs the Debian package chromium-driver (apt-get install chromium-driver) to drive the management page");
    }

    /** A browser asking for pages in {@code language}, its window {@code width} x {@code height}. */
    static ChromeDriver start(String language, int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File(Chromium.find()));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    static WebDriverWait await(WebDriver driver) {
        // a list or form drawn again replaces the elements a condition looked at
        return (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(60))
                .ignoring(StaleElementReferenceException.class);
    }

    /** What the page's scripts said, for a page that did not load. */
    static String console(WebDriver driver) {
        StringBuilder console = new StringBuilder();
        driver.manage().logs().get(LogType.BROWSER).forEach(l -> console.append(l).append('\n'));
        return console.toString();
    }

    static void shot(ChromeDriver driver, String name) throws Exception {
        Files.createDirectories(SHOTS);
        Path file = SHOTS.resolve(name + ".png");
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(file) > 5_000, "a screenshot in " + file);
    }
}
