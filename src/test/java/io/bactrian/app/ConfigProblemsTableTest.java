package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.bactrian.config.ConfigProblemsException;
import io.bactrian.config.MonitorMain;
import io.bactrian.config.ValidateCommand;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.MonitorProcess.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every configuration mistake that stops start-up, as a table: the shipped project with one
 * mistake, and the exact line {@code validate} prints for it (exit 2). Start-up of the same
 * project stops with that same line, before any route runs; for one mistake of each kind, {@code run}
 * as a process exits 2 with that line on stderr and no stack trace.
 */
class ConfigProblemsTableTest {
    private static final String BEANS = "accessApi, alertApi, alertQueue, badgeEndpoints, channelApi, channelSenders, demoTarget, history,"
            + " managePage, metricsRegistry, monitorApi, monitorCatalog, monitorMetrics, nodeLists, nodeProbers, probeApi,"
            + " publicPages, statusEndpoints";

    @TempDir
    Path dir;

    /** One mistake made in a copy of the shipped project. */
    interface Mistake {
        void make(Path dir) throws IOException;
    }

    record Case(String name, Mistake mistake, String line) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("empty route file", d -> Files.writeString(d.resolve("routes/empty.yaml"), ""),
                        "routes/empty.yaml: has no route (an empty file, or only comments): add a route or delete the file"),
                new Case("route file of comments only", d -> Files.writeString(d.resolve("routes/later.yaml"), "# soon\n"),
                        "routes/later.yaml: has no route (an empty file, or only comments): add a route or delete the file"),
                new Case("unknown component", d -> step(d, "- to: \"nosuch:x\""),
                        "routes/demo-site.yaml: monitor 'demo-site': nosuch: no such Camel component in this jar (uri 'nosuch:x')"),
                new Case("unknown bean", d -> step(d, "- to: \"bean:histroy?method=record\""),
                        "routes/demo-site.yaml: monitor 'demo-site': bean: no bean named 'histroy'; the beans are " + BEANS),
                new Case("unknown bean of a method call", d -> step(d, "- setBody:\n            method:\n"
                                + "              ref: \"nodeList\"\n              method: \"load('')\""),
                        "routes/demo-site.yaml: monitor 'demo-site': method.ref: no bean named 'nodeList'; the beans are " + BEANS),
                new Case("unknown kamelet", d -> step(d, "- to: \"kamelet:wecom-snk\""),
                        "routes/demo-site.yaml: monitor 'demo-site': kamelet: no kamelet named 'wecom-snk'"
                                + " (the kamelets are in the jar's kamelets/ folder)"),
                new Case("port out of range", d -> set(d, "camel.server.port", "99999"),
                        "application.properties: camel.server.port: not a port number (0 to 65535): '99999'"),
                new Case("retention with an unknown unit", d -> set(d, "history.retention", "30x"),
                        "application.properties: history.retention: '30x': not a duration above zero such as 30d, 12h, 90m,"
                                + " 45s or 2500ms"),
                new Case("prune interval that is no duration", d -> set(d, "history.prune-interval", "hourly"),
                        "application.properties: history.prune-interval: 'hourly': not a duration above zero such as 30d,"
                                + " 12h, 90m, 45s or 2500ms"),
                new Case("queue size that is no number", d -> set(d, "history.queue-size", "10k"),
                        "application.properties: history.queue-size: '10k': not a whole number above zero"),
                new Case("probe API time limit with an unknown unit", d -> set(d, "probe-api.max-timeout", "30 sec"),
                        "application.properties: probe-api.max-timeout: '30 sec': not a duration above zero such as 30d,"
                                + " 12h, 90m, 45s or 2500ms"),
                new Case("negative probe API redirect limit", d -> set(d, "probe-api.max-redirects", "-1"),
                        "application.properties: probe-api.max-redirects: '-1': not a whole number"),
                new Case("malformed unicode escape", d -> set(d, "status-page.title", "\\u76d1\\u63a"),
                        "application.properties: line " + (lines() + 2) + ": malformed escape '\\u63a': \\u needs four hex"
                                + " digits, e.g. \\u6d4b; a backslash itself is written \\\\"),
                new Case("file not in UTF-8", d -> Files.write(d.resolve("application.properties"),
                                "\nstatus-page.title = \u76d1\u63a7\n".getBytes(java.nio.charset.Charset.forName("GBK")),
                                StandardOpenOption.APPEND),
                        "application.properties: line " + (lines() + 2) + ": not UTF-8: save the file as UTF-8"),
                new Case("threshold too large", d -> set(d, "demo-site.failure-threshold", "99999999999999"),
                        "routes/demo-site.yaml: monitor 'demo-site': alert-rule: failureThreshold '99999999999999':"
                                + " too large a number"),
                new Case("negative reminder interval", d -> set(d, "demo-site.reminder-interval", "-1h"),
                        "routes/demo-site.yaml: monitor 'demo-site': alert-rule: reminderInterval '-1h': not a duration"
                                + " such as 1h, 30m or 0 (off)"),
                new Case("bad cron", d -> set(d, "demo-site.cron", "0 0 25 * * ? *"),
                        "routes/demo-site.yaml: monitor 'demo-site': schedule: cron '0 0 25 * * ? *': hour field '25':"
                                + " value 25 out of range 0-23"),
                new Case("missing placeholder", d -> MonitorProcess.edit(d, "routes/demo-site.yaml",
                                y -> y.replace("{{demo-site.timeout}}", "{{demo-site.time-out}}")),
                        "routes/demo-site.yaml: monitor 'demo-site': http-probe: property 'demo-site.time-out' not found"
                                + " (set it in application.properties, as -D or in the environment)"),
                new Case("missing node list", d -> set(d, "speed-demo.nodes", "nodes/china.yaml"),
                        "routes/speed-test.yaml: monitor 'speed-demo': nodes: 'nodes/china.yaml': no such file"),
                new Case("body condition on blackbox_exporter nodes", d -> Files.writeString(d.resolve("nodes/local.yaml"),
                                "- id: \"js-suqian-cu\"\n  kind: \"blackbox\"\n  endpoint: \"http://127.0.0.1:9115\"\n"
                                        + "  module: \"http_2xx\"\n"),
                        "routes/speed-test.yaml: monitor 'speed-demo': thresholds: body contains \"ok\": blackbox_exporter"
                                + " nodes return no body, so this fails on js-suqian-cu (nodes/local.yaml); check the body on"
                                + " other nodes, or leave the condition out"),
                new Case("route file that is not YAML", d -> Files.writeString(d.resolve("routes/broken.yaml"),
                                "- route:\n    id: \"broken\"\n    from: [\n"),
                        "routes/broken.yaml: line 4: not valid YAML: while parsing a flow node (line 4, column 1): expected"
                                + " the node content, but found '<stream end>' (line 4, column 1)"),
                new Case("listed monitor of an unknown kind", d -> monitors(d,
                                "{ id: \"shop\", url: \"http://127.0.0.1/\", kind: \"htttp\" }"),
                        "monitors/shop.yaml: monitor 'shop': kind: no route runs kind 'htttp' (from: schedule:htttp"
                                + " without a cron); kinds here: db-load, dns, http, kafka-lag, metrics, page-watch,"
                                + " speed-test, tcp, tls-cert"),
                new Case("listed monitor with a bad cron", d -> monitors(d,
                                "{ id: \"shop\", url: \"http://127.0.0.1/\", cron: \"0 0 25 * * ? *\" }"),
                        "monitors/shop.yaml: monitor 'shop': cron: '0 0 25 * * ? *': hour field '25': value 25 out of"
                                + " range 0-23"),
                new Case("listed monitor with an unknown setting", d -> monitors(d,
                                "{ id: \"shop\", url: \"http://127.0.0.1/\", timeot: \"5s\" }"),
                        "monitors/shop.yaml: monitor 'shop': timeot: kind 'http' has no such setting; it has: body,"
                                + " channels, connect-timeout, cron, description, enabled, expect-status, failure-threshold,"
                                + " follow-redirects, group, headers, maintenance, max-body-bytes, method, private, reminder-interval,"
                                + " send-resolved, severity, success-threshold, tags, time-zone, timeout, url, verify-tls"),
                new Case("listed monitor with a bad time zone", d -> monitors(d,
                                "{ id: \"shop\", url: \"http://127.0.0.1/\", time-zone: \"Mars/Olympus\" }"),
                        "monitors/shop.yaml: monitor 'shop': time-zone: unknown time zone 'Mars/Olympus'"),
                new Case("monitor id listed twice", d -> monitors(d, "{ id: \"demo-health\", url: \"http://127.0.0.1/\" }"),
                        "monitors/shop.yaml: monitor 'demo-health': id: is also the id of a monitor in monitors/demo.yaml;"
                                + " ids must be unique"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validateNamesItAndStartUpStopsWithTheSameLine(Case c) throws Exception {
        project(c);

        Result validate = validate();
        assertEquals(2, validate.exitCode(), validate.toString());
        assertEquals(List.of(c.line(), "1 problem(s) found"), validate.stderr(), validate.toString());

        MonitorMain main = MonitorMain.create(dir);
        try {
            Throwable failure = assertThrows(Exception.class, main::start, "start-up stops");
            ConfigProblemsException problems = problems(failure);
            assertEquals(List.of("1 configuration problem(s):", "  " + c.line()), problems.getMessage().lines().toList());
            assertTrue(main.getCamelContext() == null || main.getCamelContext().getRoutes().isEmpty(), "nothing ran");
        } finally {
            main.stop();
        }
    }

    /** One case of each layer that finds mistakes (the properties file, a route file, a monitor list) as a user runs it. */
    static Stream<Case> processCases() {
        return cases().filter(c -> List.of("file not in UTF-8", "route file that is not YAML",
                "listed monitor with a bad cron").contains(c.name()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("processCases")
    void runExitsWithTheLineOnStandardErrorAndNoStackTrace(Case c) throws Exception {
        project(c);

        Result run = MonitorProcess.run(dir, Duration.ofSeconds(60), List.of(), "run");
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(List.of("1 configuration problem(s):", "  " + c.line()), run.stderr(), run.toString());
        assertFalse(Stream.concat(run.stdout().stream(), run.stderr().stream())
                .anyMatch(l -> l.startsWith("\tat ") || l.contains("Exception")), "no stack trace: " + run);
        assertFalse(Files.exists(dir.resolve("data")), "nothing ran");
    }

    /** The shipped project on a free port, with the case's mistake. */
    private void project(Case c) throws IOException {
        MonitorProcess.copyProject(dir);
        set(dir, "camel.server.port", String.valueOf(MonitorProcess.freePort()));
        c.mistake().make(dir);
    }

    /** The configuration problems a failed start-up was stopped by, as {@code run} finds them to print. */
    private static ConfigProblemsException problems(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConfigProblemsException problems) {
                return problems;
            }
        }
        throw new AssertionError("not stopped by configuration problems", failure);
    }

    @Test
    void aPortAnotherProgramHoldsStopsStartUpOnOneLine() throws Exception {
        MonitorProcess.copyProject(dir);
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            set(dir, "camel.server.port", String.valueOf(other.getLocalPort()));
            Result run = MonitorProcess.run(dir, Duration.ofSeconds(60), List.of(), "run");
            assertEquals(2, run.exitCode(), run.toString());
            assertEquals(List.of("1 configuration problem(s):", "  application.properties: camel.server.port: 127.0.0.1:"
                    + other.getLocalPort() + " cannot be listened on (Address already in use): another program, or another"
                    + " instance, may hold it"), run.stderr(), run.toString());
            assertFalse(run.out().contains("Exception"), "no stack trace: " + run);
        }
    }

    @Test
    void aFolderWithoutApplicationPropertiesIsSaidOnOneLine() throws Exception {
        Result run = MonitorProcess.run(dir, Duration.ofSeconds(60), List.of(), "run");
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(List.of("1 configuration problem(s):", "  application.properties: not found (start in the folder"
                + " that holds application.properties and routes/)"), run.stderr(), run.toString());
        assertFalse(run.out().contains("Exception"), "no stack trace: " + run);
    }

    @Test
    void aMisspeltKeyGetsAWarningWithTheNearestKnownKey() throws Exception {
        MonitorProcess.copyProject(dir);
        set(dir, "alert.chanels", "wecom");
        set(dir, "demo-site.timeot", "5s"); // a monitor's settings are known from the placeholders its route uses

        Result validate = validate();
        List<String> warnings = List.of(
                "warning: application.properties: alert.chanels: not a known key, so nothing reads it; did you mean alert.channels?",
                "warning: application.properties: demo-site.timeot: not a known key, so nothing reads it; did you mean demo-site.timeout?");
        assertEquals(0, validate.exitCode(), validate.toString());
        assertEquals(warnings, validate.stderr(), validate.toString());

        try (MonitorProcess app = MonitorProcess.start(dir, List.of("-Dcamel.server.port=" + MonitorProcess.freePort()))) {
            for (String warning : warnings) {
                String logged = warning.substring("warning: ".length());
                assertTrue(app.awaitStdout(l -> l.contains(" WARN ") && l.endsWith(logged), Duration.ofSeconds(30)).isPresent(),
                        "start-up warns: " + logged + "\n" + app.stdoutText());
            }
        }
    }

    /** {@code validate} in this JVM: the same command the jar runs, without a JVM start per case. */
    private Result validate() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ValidateCommand.run(new String[] {dir.resolve("application.properties").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8).lines().toList(),
                err.toString(StandardCharsets.UTF_8).lines().toList());
    }

    /** Replaces the demo monitor's log step by {@code step}. */
    private static void step(Path dir, String step) throws IOException {
        MonitorProcess.edit(dir, "routes/demo-site.yaml", y -> y.replace("- log: \"${body}\"", step));
    }

    /** A second monitor list, monitors/shop.yaml, of http monitors checked every minute, with one entry. */
    private static void monitors(Path dir, String entry) throws IOException {
        Files.writeString(dir.resolve("monitors/shop.yaml"), "defaults:\n  kind: http\n  cron: \"0 * * * * ? *\"\n"
                + "monitors:\n  - " + entry + "\n");
    }

    private static void set(Path dir, String key, String value) throws IOException {
        MonitorProcess.setProperty(dir, key, value);
    }

    /** Lines of the shipped file plus the port line every case adds: the case's own line comes after. */
    private static long lines() {
        try (Stream<String> l = Files.lines(MonitorProcess.PROPERTIES)) {
            return l.count() + 2;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
