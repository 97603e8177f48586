package io.bactrian.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.bactrian.config.MonitorMain;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The real application, as {@code java -jar bactrian.jar} starts it from the project
 * folder (application.properties and the YAML routes in routes/), with the test's overrides
 * on top, the way {@code -D} options override the file.
 */
public final class RunningMonitor implements AutoCloseable {
    /** The project's own route folder, as an absolute include-pattern prefix. */
    public static final Path ROUTES = Path.of("routes").toAbsolutePath();

    /** Where {@link #quiet} sends mail: a loopback port free when the tests started, for a GreenMail server. */
    public static final int SMTP_PORT = MonitorProcess.freePortUnchecked();

    private final Main main;

    private RunningMonitor(Main main) {
        this.main = main;
    }

    /**
     * Overrides every test needs: no port 8080, no reloading, data in {@code dataDir}, mail to {@link #SMTP_PORT},
     * and no monitor list (the shipped one would add the demo's monitors to the routes a test names; see
     * {@link #monitorLists}).
     */
    public static Map<String, String> quiet(Path dataDir) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("monitors.files", "");
        p.put("camel.server.enabled", "false");
        p.put("camel.main.routes-reload-enabled", "false");
        p.put("bactrian.data-dir", dataDir.toString());
        p.put("mail.host", "127.0.0.1");
        p.put("mail.port", String.valueOf(SMTP_PORT));
        p.put("mail.security", "none");
        p.put("mail.from", "monitor@bactrian.test");
        p.put("mail.to", "ops@bactrian.test");
        p.put("mail.retry-delay", "200");
        p.put("mail.group-wait", "0"); // each mail on its own; grouping has its own test
        return p;
    }

    /**
     * The demo monitor checking {@code url} every second: DOWN after {@code threshold} failed checks,
     * RESOLVED after as many passing ones, no reminder within a test.
     */
    public static void checkEverySecond(Map<String, String> p, String url, int threshold) {
        p.put("demo-site.url", url);
        p.put("demo-site.cron", "* * * * * ? *");
        p.put("demo-site.failure-threshold", String.valueOf(threshold));
        p.put("demo-site.success-threshold", String.valueOf(threshold));
        p.put("demo-site.reminder-interval", "1h");
    }

    /** Reloads the route files of {@code dir} when they change, as the shipped configuration does for routes/. */
    public static void reloading(Map<String, String> p, Path dir) {
        p.put("camel.main.routes-reload-enabled", "true");
        p.put("camel.main.routes-reload-directory", dir.toString());
        p.put("camel.main.routes-reload-pattern", "*.yaml");
    }

    /** Reads the monitor lists {@code dir/*.yaml}, run by the kind routes among the test's route files. */
    public static void monitorLists(Map<String, String> p, Path dir) {
        p.put("monitors.files", dir.toAbsolutePath() + "/*.yaml");
    }

    /** Alerts also to a webhook at {@code url}, delivered within a tenth of a second, each on its own. */
    public static void webhookChannel(Map<String, String> p, String url) {
        p.put("alert.channels", "mail, webhook");
        p.put("channel.webhook.url", url);
        p.put("channel.poll-delay", "100");
        p.put("channel.group-wait", "0");
    }

    public static RunningMonitor start(Map<String, String> overrides) throws Exception {
        Main main = MonitorMain.create();
        overrides.forEach(main::addOverrideProperty);
        main.start();
        return new RunningMonitor(main);
    }

    /**
     * One http-status monitor checked every second, as a templatedRoute entry of a route file;
     * {@code extra} are more template parameters, name then value.
     */
    public static String everySecond(String id, String url, String... extra) {
        StringBuilder yaml = new StringBuilder("""
                - templatedRoute:
                    routeTemplateRef: "http-status"
                    routeId: "%s"
                    parameters:
                      - { name: "url", value: "%s" }
                      - { name: "cron", value: "* * * * * ? *" }
                """.formatted(id, url));
        for (int i = 0; i + 1 < extra.length; i += 2) {
            yaml.append("      - { name: \"").append(extra[i]).append("\", value: \"").append(extra[i + 1]).append("\" }\n");
        }
        return yaml.toString();
    }

    /** The built-in server (status page, API, /metrics) on a free port; returns the port. */
    public static int server(Map<String, String> p) throws IOException {
        int port = MonitorProcess.freePort();
        p.put("camel.server.enabled", "true");
        p.put("camel.server.port", String.valueOf(port));
        return port;
    }

    /** Writes a route file into {@code dir} and returns its include pattern. */
    public static String routeFile(Path dir, String name, String yaml) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return "file:" + file;
    }

    /** A route file of the project, as an include pattern. */
    public static String projectRoute(String name) {
        return "file:" + ROUTES.resolve(name);
    }

    /** The routes every monitor sends its alerts to: mail and the chat, SMS and webhook channels. */
    public static String alertRoutes() {
        return projectRoute("alert-channels.yaml") + "," + projectRoute("alert-delivery.yaml");
    }

    /** The shipped demo monitor, copied under another id, as a user adds a monitor. */
    public static String copyOfDemoSite(Path dir, String id) throws IOException {
        String yaml = Files.readString(ROUTES.resolve("demo-site.yaml")).replace("\"demo-site\"", "\"" + id + "\"")
                .replace(":demo-site", ":" + id);
        return routeFile(dir, id + ".yaml", yaml);
    }

    /**
     * A shipped route file copied under another monitor id, with its own properties
     * ({@code {{mysql-load.query}}} becomes {@code {{mysql-slow.query}}}), as a user adds a second one.
     */
    public static String copyOfRoute(Path dir, String file, String id) throws IOException {
        String original = file.replace(".yaml", "");
        return routeFile(dir, id + ".yaml", Files.readString(ROUTES.resolve(file)).replace(original, id));
    }

    /** A received mail's decoded subject. */
    public static String subject(jakarta.mail.internet.MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    @Override
    public void close() throws Exception {
        main.stop();
    }
}
