package io.bactrian.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A test's monitor list ({@code monitors/test.yaml} in its folder) run by the shipped kind
 * routes: the application settings for {@link RunningMonitor}, and the list checked by
 * {@code validate} on a project copy.
 */
public final class MonitorList {
    private MonitorList() {
    }

    /**
     * Writes the list into {@code dir}/monitors and returns the settings that run it with the
     * kind routes named (e.g. {@code tcp-monitors.yaml}), the shared tail and the alert routes;
     * alert mail goes to the local outbox under {@code dir}/data.
     */
    public static Map<String, String> app(Path dir, String yaml, String... kindRoutes) throws IOException {
        Path monitors = write(dir, yaml);
        Map<String, String> p = RunningMonitor.quiet(dir.resolve("data"));
        p.put("mail.host", "");
        p.put("monitors.files", monitors + "/*.yaml");
        List<String> routes = new ArrayList<>();
        for (String route : kindRoutes) {
            routes.add(RunningMonitor.projectRoute(route));
        }
        routes.add(RunningMonitor.projectRoute("check-outcome.yaml"));
        routes.add(RunningMonitor.alertRoutes());
        p.put("camel.main.routes-include-pattern", String.join(",", routes));
        return p;
    }

    /** Writes {@code dir}/monitors/test.yaml and returns the folder. */
    public static Path write(Path dir, String yaml) throws IOException {
        Path monitors = Files.createDirectories(dir.resolve("monitors"));
        Files.writeString(monitors.resolve("test.yaml"), yaml);
        return monitors;
    }

    /** What the test log file holds so far, for the checks that a secret never reaches it. */
    public static String log() throws IOException {
        return TestLog.text();
    }
}
