package io.bactrian.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A headless Chromium run for a test: a page's DOM after rendering, or a screenshot. */
public final class Chromium {
    private Chromium() {
    }

    /** The chromium on the PATH, or null when there is none. */
    public static String find() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return null;
    }

    /** Runs {@code chromium} headless with a fresh profile under {@code tmp}; returns what it printed. */
    public static String run(Path tmp, String chromium, String... args) throws Exception {
        Path profile = Files.createTempDirectory(tmp, "chromium-");
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(tmp.resolve("chromium.log").toFile()).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "chromium finished");
        return out;
    }
}
