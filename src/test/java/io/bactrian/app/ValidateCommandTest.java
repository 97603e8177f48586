package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.bactrian.config.ValidateCommand;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.MonitorProcess.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate} as a user runs it, in a folder holding a copy of the shipped configuration
 * with one mistake: exit code 2 and a line on stderr that names the file, the monitor and the
 * field.
 */
class ValidateCommandTest {
    @TempDir
    Path dir;

    @BeforeEach
    void copyTheShippedConfiguration() throws Exception {
        MonitorProcess.copyProject(dir);
    }

    /**
     * {@code validate} in this JVM, on the copied folder: the same command the jar runs (one test
     * below runs it as a process), without a JVM start per case.
     */
    private Result validate(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String properties = dir.resolve(args.length > 0 ? args[0] : "application.properties").toString();
        int code = ValidateCommand.run(new String[] {properties}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8).lines().toList(),
                err.toString(StandardCharsets.UTF_8).lines().toList());
    }

    /**
     * A route file of monitors made from the http-status template, as projects wrote them before the
     * monitor lists: {@code templatedRoute}s stay supported and are checked as routes are.
     */
    private void writeSites() throws Exception {
        Files.writeString(dir.resolve("routes/sites.yaml"), """
                - templatedRoute:
                    routeTemplateRef: "http-status"
                    routeId: "shop"
                    parameters:
                      - name: "url"
                        value: "{{demo.base-url}}/demo/health"
                      - name: "cron"
                        value: "*/10 * * * * ? *"
                """);
    }

    /** Exit code 2, one problem line holding every fragment, and the count. */
    private static String problem(Result result, String... fragments) {
        assertEquals(2, result.exitCode(), result.toString());
        String line = result.stderr().stream()
                .filter(l -> List.of(fragments).stream().allMatch(l::contains))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no stderr line with all of " + List.of(fragments) + "\n" + result));
        assertTrue(result.err().contains("1 problem(s) found"), result.toString());
        return line;
    }

    @Test
    void theShippedConfigurationIsValid() throws Exception {
        Result result = MonitorProcess.run(dir, "validate");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().contains("configuration is valid"), result.toString());
    }

    @Test
    void withTheServerOffTheShippedConfigurationIsValidToo() throws Exception {
        MonitorProcess.setProperty(dir, "camel.server.enabled", "false");
        Result result = validate();
        assertEquals(0, result.exitCode(), result.toString());
    }

    /** An HTTP route without the server's precondition would stop the start-up with the server off. */
    @Test
    void anHttpRouteWithoutTheServersPreconditionIsNamedWhenTheServerIsOff() throws Exception {
        MonitorProcess.setProperty(dir, "camel.server.enabled", "false");
        MonitorProcess.edit(dir, "routes/status-page.yaml", y -> y.replaceFirst(
                "(id: \"badge\"\n)    precondition: \"\\{\\{camel.server.enabled}}\"\n", "$1"));
        problem(validate(), "routes/status-page.yaml: monitor 'badge': from.uri: platform-http needs the server",
                "precondition: \"{{camel.server.enabled}}\"");
    }

    @Test
    void aRestWithoutTheServersSwitchIsNamedWhenTheServerIsOff() throws Exception {
        MonitorProcess.setProperty(dir, "camel.server.enabled", "false");
        MonitorProcess.edit(dir, "routes/monitor-api.yaml", y -> y.replaceFirst(
                "(id: \"api-access\"\n)    disabled: \"[^\"]+\"\n", "$1"));
        problem(validate(), "routes/monitor-api.yaml: monitor 'api-access': rest.disabled: a rest needs the server");
    }

    /** A placeholder is taken where the schema wants a boolean (Camel resolves it); a word is not. */
    @Test
    void aWordWhereTheSchemaWantsABooleanIsASchemaError() throws Exception {
        MonitorProcess.edit(dir, "routes/monitor-api.yaml",
                y -> y.replaceFirst("disabled: \"\\{\\{[^}]+}}\"", "disabled: \"sometimes\""));
        problem(validate(), "routes/monitor-api.yaml: ", "rest.disabled", "string found, boolean expected");
    }

    @Test
    void badCronInTheProperties() throws Exception {
        MonitorProcess.setProperty(dir, "demo-site.cron", "0 0 25 * * ? *");
        String line = problem(validate(), "routes/demo-site.yaml: monitor 'demo-site': ", "cron", "hour field");
        assertTrue(line.contains("'0 0 25 * * ? *'"), line);
        assertTrue(line.contains("25 out of range 0-23"), line);
    }

    @Test
    void replicasNeedTheSharedPostgresDatabase() throws Exception {
        MonitorProcess.setProperty(dir, "cluster.enabled", "true");
        problem(validate(), "application.properties: history.jdbc-url: ", "cluster.enabled needs the PostgreSQL database");
        MonitorProcess.setProperty(dir, "history.jdbc-url", "jdbc:postgresql://db.example.com:5432/monitor");
        MonitorProcess.setProperty(dir, "cluster.checkin-interval", "500ms");
        problem(validate(), "application.properties: cluster.checkin-interval: ", "at least 1s", "'500ms'");
        MonitorProcess.setProperty(dir, "cluster.checkin-interval", "5000");
        MonitorProcess.setProperty(dir, "cluster.enabled", "yes");
        problem(validate(), "application.properties: cluster.enabled: ", "true or false");
    }

    @Test
    void unknownWeekdayName() throws Exception {
        MonitorProcess.setProperty(dir, "demo-site.cron", "0 0 12 ? * FRY *");
        problem(validate(), "routes/demo-site.yaml: monitor 'demo-site': ", "cron", "weekday field", "FRY");
    }

    @Test
    void urlThatIsNotHttp() throws Exception {
        MonitorProcess.setProperty(dir, "demo-site.url", "ftp://x");
        problem(validate(), "routes/demo-site.yaml: monitor 'demo-site': ", "url 'ftp://x'", "http");
    }

    @Test
    void urlThatIsNoUrl() throws Exception {
        MonitorProcess.setProperty(dir, "demo-site.url", "not a url");
        problem(validate(), "routes/demo-site.yaml: monitor 'demo-site': ", "url 'not a url'");
    }

    @Test
    void badExpectStatus() throws Exception {
        MonitorProcess.setProperty(dir, "demo-site.expect-status", "99");
        problem(validate(), "routes/demo-site.yaml: monitor 'demo-site': ", "expectStatus '99'", "100-599");
    }

    @Test
    void misspelledParameterInARouteFile() throws Exception {
        MonitorProcess.edit(dir, "routes/demo-site.yaml", y -> y.replace("expectStatus:", "expectStatsu:"));
        problem(validate(), "routes/demo-site.yaml: monitor 'demo-site': ", "unknown parameter", "expectStatsu");
    }

    @Test
    void misspelledStepIsASchemaError() throws Exception {
        MonitorProcess.edit(dir, "routes/demo-site.yaml", y -> y.replace("- log: \"${body}\"", "- splitt: \"x\""));
        problem(validate(), "routes/demo-site.yaml: ", "steps[1]", "'splitt' is not defined in the schema");
    }

    @Test
    void misspelledToIsASchemaError() throws Exception {
        MonitorProcess.edit(dir, "routes/demo-site.yaml", y -> y.replace("- log: \"${body}\"", "- too: \"log:x\""));
        problem(validate(), "routes/demo-site.yaml: ", "steps[1]", "'too' is not defined in the schema");
    }

    @Test
    void yamlSyntaxError() throws Exception {
        MonitorProcess.edit(dir, "routes/demo-site.yaml", y -> y.replaceFirst("      steps:", "      steps: [oops"));
        Result result = validate();
        String line = problem(result, "routes/demo-site.yaml: line 11: not valid YAML");
        assertEquals(2, result.stderr().size(), "the problem on one line, then the count: " + result);
        assertTrue(line.contains("line 10, column 14") || line.contains("line 11, column 13"), line);
    }

    @Test
    void routeWithoutId() throws Exception {
        MonitorProcess.edit(dir, "routes/demo-site.yaml", y -> y.replace("    id: \"demo-site\"\n", ""));
        problem(validate(), "routes/demo-site.yaml: route.id: ", "every route needs an id");
    }

    @Test
    void sameRouteIdInTwoFiles() throws Exception {
        Files.writeString(dir.resolve("routes/shop.yaml"),
                Files.readString(dir.resolve("routes/demo-site.yaml")).replace("id: \"demo-site\"", "id: \"demo-ok\""));
        problem(validate(), "routes/shop.yaml: monitor 'demo-ok': id: ", "already used in routes/demo-target.yaml");
    }

    @Test
    void templatedRouteWithoutRouteId() throws Exception {
        writeSites();
        MonitorProcess.edit(dir, "routes/sites.yaml", y -> y.replace("    routeId: \"shop\"\n", ""));
        problem(validate(), "routes/sites.yaml: templatedRoute.routeId: ", "template 'http-status' needs a routeId");
    }

    @Test
    void templatedRouteOfAMissingTemplate() throws Exception {
        writeSites();
        MonitorProcess.edit(dir, "routes/sites.yaml", y -> y.replace("\"http-status\"", "\"http-stats\""));
        problem(validate(), "routes/sites.yaml: monitor 'shop': routeTemplateRef: ",
                "no route template with id 'http-stats'");
    }

    @Test
    void templatedRouteWithABadCron() throws Exception {
        writeSites();
        MonitorProcess.edit(dir, "routes/sites.yaml", y -> y.replace("\"*/10 * * * * ? *\"", "\"0 61 * * * ? *\""));
        problem(validate(), "routes/sites.yaml: monitor 'shop': ", "cron '0 61 * * * ? *'", "minute field");
    }

    @Test
    void missingPropertyPlaceholder() throws Exception {
        MonitorProcess.edit(dir, "routes/demo-site.yaml", y -> y.replace("{{demo-site.timeout}}", "{{nosuch.key}}"));
        problem(validate(), "routes/demo-site.yaml: monitor 'demo-site': ", "nosuch.key", "not found");
    }

    @Test
    void badMailSettings() throws Exception {
        MonitorProcess.setProperty(dir, "mail.security", "tls");
        MonitorProcess.setProperty(dir, "mail.to", "");
        Result result = validate();
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.stderr().stream().anyMatch(l -> l.startsWith("application.properties: mail.security: ")
                && l.contains("'tls'")), result.toString());
        assertTrue(result.stderr().contains("application.properties: mail.to: is not set: alert mails need it"),
                result.toString());
        assertTrue(result.stderr().contains("2 problem(s) found"), result.toString());
    }

    @Test
    void missingPropertiesFile() throws Exception {
        Result result = validate("other.properties");
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().startsWith("other.properties: not found"), result.toString());
        assertEquals("", result.out().strip(), result.toString());
    }

    @Test
    void everyProblemIsListed() throws Exception {
        MonitorProcess.setProperty(dir, "demo-site.cron", "0 0 25 * * ? *");
        MonitorProcess.setProperty(dir, "demo-site.expect-status", "99");
        MonitorProcess.setProperty(dir, "mail.to", "");
        writeSites();
        MonitorProcess.edit(dir, "routes/sites.yaml", y -> y.replace("\"*/10 * * * * ? *\"", "\"0 61 * * * ? *\""));
        Result result = validate();
        assertEquals(2, result.exitCode(), result.toString());
        List<String> problems = result.stderr().stream().filter(l -> l.startsWith("routes/") || l.startsWith("application"))
                .toList();
        assertEquals(4, problems.size(), result.toString());
        assertTrue(problems.stream().anyMatch(l -> l.startsWith("application.properties: mail.to: ")), result.toString());
        assertTrue(problems.stream().anyMatch(l -> l.startsWith("routes/demo-site.yaml: monitor 'demo-site': ")
                && l.contains("hour field")), result.toString());
        assertTrue(problems.stream().anyMatch(l -> l.startsWith("routes/demo-site.yaml: monitor 'demo-site': ")
                && l.contains("expectStatus '99'")), result.toString());
        assertTrue(problems.stream().anyMatch(l -> l.startsWith("routes/sites.yaml: monitor 'shop': ")
                && l.contains("minute field")), result.toString());
        assertTrue(result.stderr().contains("4 problem(s) found"), result.toString());
    }

    @Test
    void aMonitorsOwnChannelListIsCheckedToo() throws Exception {
        MonitorProcess.setProperty(dir, "alert.channels.demo-site.down", "slack");
        problem(validate(), "application.properties: channel.slack.webhook-path: ",
                "is not set: channel 'slack' is listed in alert.channels.demo-site.down");
    }

    @Test
    void severityRoutingIsChecked() throws Exception {
        MonitorProcess.setProperty(dir, "alert.severity.demo-site", "urgent");
        problem(validate(), "application.properties: alert.severity.demo-site: ", "unknown severity 'urgent'");
    }

    @Test
    void channelsOfASeverityAreCheckedToo() throws Exception {
        MonitorProcess.setProperty(dir, "alert.channels.severity.warning", "wecom");
        problem(validate(), "application.properties: channel.wecom.key: ",
                "is not set: channel 'wecom' is listed in alert.channels.severity.warning");
    }

    @Test
    void aBadTemplateIsNamedWithItsFileAndPlaceholder() throws Exception {
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("templates/wecom.down.zh-CN.txt"), "【告警】${monitor}：${cause}");
        problem(validate(), "templates/wecom.down.zh-CN.txt: ${cause}: ", "unknown placeholder; known: ");
    }

    @Test
    void aBadMailTemplateIsNamedWithItsFileAndPlaceholder() throws Exception {
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("templates/mail.down.en.txt"), "[DOWN] ${monitor}\n\n${x}");
        problem(validate(), "templates/mail.down.en.txt: ${x}: ", "unknown placeholder; known: ");
        Files.delete(dir.resolve("templates/mail.down.en.txt"));
        Files.writeString(dir.resolve("templates/mail.shop.down.fr.txt"), "${monitor}");
        problem(validate(), "templates/mail.shop.down.fr.txt: file name: ", "with a channel (mail, wecom");
    }

    @Test
    void anUnknownMailLanguageIsNamed() throws Exception {
        MonitorProcess.setProperty(dir, "mail.language", "zh");
        problem(validate(), "application.properties: mail.language: ", "must be zh-CN or en, not 'zh'");
    }

    @Test
    void aBadRateLimitIsNamed() throws Exception {
        MonitorProcess.setProperty(dir, "channel.slack.rate-limit", "fast");
        problem(validate(), "application.properties: channel.slack.rate-limit: ", "'fast' is not a rate");
    }

    /** Exit code 0 (a warning is no problem) and one warning line holding every fragment. */
    private static String warning(Result result, String... fragments) {
        assertEquals(0, result.exitCode(), result.toString());
        return result.stderr().stream()
                .filter(l -> l.startsWith("warning: ") && List.of(fragments).stream().allMatch(l::contains))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no warning with all of " + List.of(fragments) + "\n" + result));
    }

    @Test
    void aChannelListWithoutMailIsWarnedOf() throws Exception {
        MonitorProcess.setProperty(dir, "channel.wecom.key", "k");
        MonitorProcess.setProperty(dir, "alert.channels", "wecom");
        warning(validate(), "warning: application.properties: alert.channels: 'wecom' has no mail: no alert is mailed");
        MonitorProcess.setProperty(dir, "alert.channels", "mail, wecom");
        assertTrue(validate().stderr().stream().noneMatch(l -> l.contains("has no mail")), validate().toString());
    }

    @Test
    void aMonitorsChannelsWithoutMailAreWarnedOfWhenMailIsSetUp() throws Exception {
        MonitorProcess.setProperty(dir, "channel.wecom.key", "k");
        Files.writeString(dir.resolve("monitors/shop.yaml"), """
                defaults:
                  kind: http
                  cron: "0 * * * * ? *"
                  channels: [wecom]
                monitors:
                  - id: shop
                    url: https://shop.example.com/
                  - id: cart
                    url: https://shop.example.com/cart
                  - id: pay
                    url: https://pay.example.com/
                    channels: wecom, mail
                """);
        assertTrue(validate().stderr().stream().noneMatch(l -> l.contains("has no mail")),
                "no mail server, nothing lost: " + validate());
        MonitorProcess.setProperty(dir, "mail.host", "smtp.example.com");
        Result result = validate();
        warning(result, "warning: monitors/shop.yaml: monitor 'shop': channels: 'wecom' has no mail while mail.host"
                + " is set: its alerts and those of 1 more monitors of this list are not mailed");
        assertEquals(1, result.stderr().stream().filter(l -> l.contains("has no mail")).count(), result.toString());
    }

    @Test
    void aMisspeltProbeApiKeyIsWarnedOfWithTheKeyMeant() throws Exception {
        MonitorProcess.setProperty(dir, "probe-api.max-timout", "5s");
        warning(validate(), "warning: application.properties: probe-api.max-timout: not a known key, so nothing reads it;"
                + " did you mean probe-api.max-timeout?");
    }
}
