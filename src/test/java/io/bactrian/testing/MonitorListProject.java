package io.bactrian.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A project folder that checks only the monitor lists of {@code monitors/}: the shipped
 * configuration with the route files of kind http, the shared check tail, the alert routes and
 * the status page, so no shipped monitor of its own runs beside the test's.
 */
public final class MonitorListProject {
    private static final Set<String> KEPT = Set.of("http-monitors.yaml", "check-outcome.yaml", "alert-channels.yaml",
            "alert-delivery.yaml", "status-page.yaml");

    private MonitorListProject() {
    }

    /** Makes the folder in {@code dir}, its built-in server on {@code port}; returns {@code dir}. */
    public static Path create(Path dir, int port) throws IOException {
        MonitorProcess.copyProject(dir);
        try (Stream<Path> routes = Files.list(dir.resolve("routes"))) {
            for (Path file : routes.filter(f -> !KEPT.contains(f.getFileName().toString())).toList()) {
                Files.delete(file);
            }
        }
        // only the test's own lists: the shipped demo monitor needs the demo target, removed above
        Files.deleteIfExists(dir.resolve("monitors/demo.yaml"));
        Files.createDirectories(dir.resolve("monitors"));
        MonitorProcess.setProperty(dir, "camel.server.port", String.valueOf(port));
        MonitorProcess.setProperty(dir, "mail.host", "");
        return dir;
    }

    /** Writes {@code monitors/<name>} at once, as an editor saving it would (a reader never sees half of it). */
    public static void write(Path dir, String name, String yaml) throws IOException {
        Path file = dir.resolve("monitors").resolve(name);
        Path part = Files.writeString(dir.resolve(name + ".part"), yaml);
        Files.move(part, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** A list of one db-load monitor {@code shop-db} (never due) with a database password, to see secrets kept out of answers. */
    public static String shopDb(String password) {
        return """
                monitors:
                  - id: shop-db
                    kind: db-load
                    cron: "0 0 3 1 1 ?"
                    jdbc-url: "jdbc:postgresql://127.0.0.1:1/shop"
                    password: "%s"
                """.formatted(password);
    }

    /** A list of http monitors checked every second, each {@code id, url} pair one entry, with {@code defaults} lines. */
    public static String everySecond(List<String> defaults, String... idsAndUrls) {
        StringBuilder yaml = new StringBuilder("defaults:\n  kind: http\n  cron: \"* * * * * ? *\"\n");
        defaults.forEach(d -> yaml.append("  ").append(d).append('\n'));
        yaml.append("monitors:\n");
        for (int i = 0; i < idsAndUrls.length; i += 2) {
            yaml.append("  - id: ").append(idsAndUrls[i]).append("\n    url: \"").append(idsAndUrls[i + 1]).append("\"\n");
        }
        return yaml.toString();
    }
}
