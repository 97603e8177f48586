package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.bactrian.config.ValidateCommand;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.MonitorProcess.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate} on a monitor list with one mistake: exit code 2 and one line
 * {@code monitors/<file>.yaml: monitor '<id>': <field>: ...}; start-up refuses the same list
 * with the same line.
 */
class MonitorListValidateTest {
    @TempDir
    Path dir;

    @BeforeEach
    void copyTheShippedConfiguration() throws Exception {
        MonitorProcess.copyProject(dir);
        Files.createDirectories(dir.resolve("monitors"));
    }

    /** A list {@code monitors/shop.yaml} of one http monitor 'shop' with {@code settings} (YAML lines) added. */
    private void shop(String... settings) throws Exception {
        StringBuilder yaml = new StringBuilder("""
                defaults:
                  kind: http
                  cron: "0 */5 * * * ? *"
                monitors:
                  - id: shop
                    url: http://127.0.0.1:9/health
                """);
        for (String s : settings) {
            yaml.append("    ").append(s).append('\n');
        }
        Files.writeString(dir.resolve("monitors/shop.yaml"), yaml);
    }

    private Result validate() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ValidateCommand.run(new String[] {dir.resolve("application.properties").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8).lines().toList(),
                err.toString(StandardCharsets.UTF_8).lines().toList());
    }

    /** Exit code 2 and exactly one problem, which starts with {@code prefix}; returns its line. */
    private static String theProblem(Result result, String prefix) {
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("1 problem(s) found"), result.toString());
        List<String> lines = result.stderr().stream().filter(l -> l.startsWith("monitors/")).toList();
        assertEquals(1, lines.size(), result.toString());
        assertTrue(lines.get(0).startsWith(prefix), "expected " + prefix + "...\n" + result);
        return lines.get(0);
    }

    @Test
    void aGoodListIsValid() throws Exception {
        shop("expect-status: 204", "failure-threshold: 1", "time-zone: Asia/Shanghai");
        Result result = validate();
        assertEquals(0, result.exitCode(), result.toString());
    }

    @Test
    void aUrlThatIsNotHttp() throws Exception {
        shop();
        MonitorProcess.edit(dir, "monitors/shop.yaml", y -> y.replace("http://127.0.0.1:9/health", "ftp://x"));
        String line = theProblem(validate(), "monitors/shop.yaml: monitor 'shop': url: ");
        assertTrue(line.contains("'ftp://x'"), line);
    }

    @Test
    void aUrlThatIsNoUrl() throws Exception {
        shop();
        MonitorProcess.edit(dir, "monitors/shop.yaml", y -> y.replace("http://127.0.0.1:9/health", "\"not a url\""));
        theProblem(validate(), "monitors/shop.yaml: monitor 'shop': url: ");
    }

    @Test
    void anUnknownSettingListsTheKnownOnes() throws Exception {
        shop("expect-stauts: 200");
        String line = theProblem(validate(), "monitors/shop.yaml: monitor 'shop': expect-stauts: ");
        assertTrue(line.contains("has no such setting"), line);
        for (String known : List.of("expect-status", "url", "failure-threshold", "cron", "time-zone")) {
            assertTrue(line.contains(known), known + " among the known settings: " + line);
        }
        assertTrue(!line.contains("expectStatus"), "in the user's spelling: " + line);
    }

    @Test
    void aBadSettingValueIsSpelledAsWritten() throws Exception {
        shop("expect-status: 99");
        String line = theProblem(validate(), "monitors/shop.yaml: monitor 'shop': expect-status: ");
        assertTrue(line.contains("'99'"), line);
    }

    @Test
    void aBadCron() throws Exception {
        shop("cron: \"0 0 25 * * ? *\"");
        String line = theProblem(validate(), "monitors/shop.yaml: monitor 'shop': cron: ");
        assertTrue(line.contains("'0 0 25 * * ? *'") && line.contains("hour field"), line);
    }

    @Test
    void aBadTimeZone() throws Exception {
        shop("time-zone: Mars/Olympus");
        String line = theProblem(validate(), "monitors/shop.yaml: monitor 'shop': time-zone: ");
        assertTrue(line.contains("Mars/Olympus"), line);
    }

    @Test
    void anUnknownKind() throws Exception {
        shop("kind: htpp");
        String line = theProblem(validate(), "monitors/shop.yaml: monitor 'shop': kind: ");
        assertTrue(line.contains("'htpp'") && line.contains("http"), "names the kinds there are: " + line);
    }

    @Test
    void theSameIdInTwoListsNamesBothFiles() throws Exception {
        shop();
        Files.writeString(dir.resolve("monitors/more.yaml"), Files.readString(dir.resolve("monitors/shop.yaml")));
        String line = theProblem(validate(), "monitors/shop.yaml: monitor 'shop': id: ");
        assertTrue(line.contains("monitors/more.yaml"), line);
    }

    @Test
    void startUpRefusesAListWithTheLineValidatePrints() throws Exception {
        shop("time-zone: Mars/Olympus");
        String problem = theProblem(validate(), "monitors/shop.yaml: monitor 'shop': time-zone: ");
        Result run = MonitorProcess.run(dir, Duration.ofSeconds(60),
                List.of("-Dcamel.server.port=" + MonitorProcess.freePort()), "run");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.stderr().stream().anyMatch(l -> l.strip().equals(problem)),
                "the line validate prints, on stderr: " + problem + "\n" + run);
        assertTrue(!run.out().contains(") started in"), "the context never starts: " + run);
    }
}
