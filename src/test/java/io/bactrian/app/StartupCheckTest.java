package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.MonitorProcess.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} with a bad monitor stops at start-up with exit code 2 and the problem line
 * {@code validate} gives, before any route has started.
 */
class StartupCheckTest {
    @TempDir
    Path dir;

    @Test
    void badCronStopsStartUpWithTheProblemValidatePrints() throws Exception {
        MonitorProcess.copyProject(dir);
        MonitorProcess.setProperty(dir, "demo-site.cron", "0 0 25 * * ? *");

        Result validate = MonitorProcess.run(dir, "validate");
        assertEquals(2, validate.exitCode(), validate.toString());
        List<String> problems = validate.stderr().stream().filter(l -> l.startsWith("routes/")).toList();
        assertEquals(1, problems.size(), validate.toString());
        String problem = problems.get(0);
        assertTrue(problem.startsWith("routes/demo-site.yaml: monitor 'demo-site': ") && problem.contains("hour field"),
                problem);

        long start = System.nanoTime();
        Result run = MonitorProcess.run(dir, Duration.ofSeconds(60), List.of("-Dcamel.server.port=" + MonitorProcess.freePort()), "run");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("run with a bad cron exited %d after %.1f s%n", run.exitCode(), took.toMillis() / 1000.0);

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.stderr().stream().anyMatch(l -> l.strip().equals(problem)),
                "the line validate prints, on stderr: " + problem + "\n" + run);
        assertTrue(run.err().contains("1 configuration problem(s)"), run.toString());
        String out = run.out();
        assertFalse(out.contains("Started demo-site"), "no route starts: " + run);
        assertFalse(out.matches("(?s).*Started \\S+ \\(.*"), "no route starts: " + run);
        assertFalse(out.contains("Routes startup"), "no route starts: " + run);
        assertFalse(out.contains(") started in"), "the context never starts: " + run);
        assertFalse(out.contains("HttpServer started"), "the HTTP server never starts: " + run);
        assertFalse(Files.exists(dir.resolve("data")), "nothing was written: the monitors never ran");
    }

    @Test
    void environmentVariablesOverrideTheFile() throws Exception {
        MonitorProcess.copyProject(dir);
        // the file's cron is fine; the environment's is not, and wins
        Result run = MonitorProcess.run(dir, Duration.ofSeconds(60),
                List.of("-Dcamel.server.port=" + MonitorProcess.freePort()),
                java.util.Map.of("DEMO_SITE_CRON", "0 0 25 * * ? *"), "run");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("routes/demo-site.yaml: monitor 'demo-site': schedule: cron '0 0 25 * * ? *'"),
                run.toString());
        // validate reads the same overrides: a good cron from the environment makes it valid
        MonitorProcess.setProperty(dir, "demo-site.cron", "0 0 25 * * ? *");
        Result fixed = MonitorProcess.run(dir, Duration.ofSeconds(60), List.of(),
                java.util.Map.of("DEMO_SITE_CRON", "0 0 0 1 1 ? 2099"), "validate");
        assertEquals(0, fixed.exitCode(), fixed.toString());
    }

    @Test
    void aBadMailTemplateStopsStartUp() throws Exception {
        MonitorProcess.copyProject(dir);
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("templates/mail.down.en.txt"), "[DOWN] ${monitor}\n\n${cause}");
        Result run = MonitorProcess.run(dir, Duration.ofSeconds(60),
                List.of("-Dcamel.server.port=" + MonitorProcess.freePort()), "run");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.stderr().stream().anyMatch(l -> l.strip().startsWith(
                "templates/mail.down.en.txt: ${cause}: unknown placeholder; known: ")), run.toString());
        assertFalse(Files.exists(dir.resolve("data")), "nothing was written: the monitors never ran");
    }
}
