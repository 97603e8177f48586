package io.bactrian.function;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.bactrian.testing.MonitorProcess;

/** The shipped project with the monitors a function test runs: 'shop' and 'slow', each an http-status check. */
final class FunctionProject {
    private FunctionProject() {
    }

    /** Copies the project into {@code dir}; 'shop' checks {@code shopUrl}, 'slow' checks {@code slowUrl}, DOWN at the first failure. */
    static void write(Path dir, String shopUrl, String slowUrl) throws IOException {
        MonitorProcess.copyProject(dir);
        Files.writeString(dir.resolve("routes/sites.yaml"), monitor("shop", shopUrl) + monitor("slow", slowUrl));
    }

    private static String monitor(String id, String url) {
        return """
                - templatedRoute:
                    routeTemplateRef: "http-status"
                    routeId: "%s"
                    parameters:
                      - { name: "url", value: "%s" }
                      - { name: "failureThreshold", value: "1" }
                      - { name: "successThreshold", value: "1" }
                """.formatted(id, url);
    }

    /** A timer's payload naming the monitors, as the deploy descriptors write it. */
    static String payload(String... monitors) {
        StringBuilder json = new StringBuilder("{\"monitors\":[");
        for (int i = 0; i < monitors.length; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(monitors[i]).append('"');
        }
        return json.append("]}").toString();
    }

    /** The alert mails of {@code monitor} and {@code kind} in the local outbox. */
    static long mails(Path dir, String monitor, String kind) throws IOException {
        Path sent = dir.resolve("data/mail/sent");
        if (!Files.isDirectory(sent)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(sent)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-" + monitor + "-" + kind + ".eml")).count();
        }
    }
}
