package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.bactrian.testing.MonitorListProject;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.MonitorProcess.Result;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code once} in a Function Compute instance (as its environment tells) with the data folder on
 * the instance's own disk and no database: it says, in one WARN line at start-up, that every
 * run forgets its state, and still runs.
 */
class OnceStateWarningTest {
    @TempDir
    Path dir;

    @Test
    void aRunThatWillForgetItsStateSaysSoOnce() throws Exception {
        try (TestServer target = TestServer.http((req, out) -> TestServer.respond(out, 200, "ok"))) {
            MonitorListProject.create(dir, MonitorProcess.freePort());
            MonitorListProject.write(dir, "shops.yaml", MonitorListProject.everySecond(List.of(), "shop",
                    target.url("/")));
            Result run = MonitorProcess.run(dir, Duration.ofSeconds(120), List.of(),
                    Map.of("FC_FUNCTION_NAME", "monitor"), "once");
            assertEquals(0, run.exitCode(), run.toString());
            assertEquals(1, run.stdout().stream().filter(l -> l.contains("WARN")
                    && l.contains("State is not kept between runs: on Function Compute (FC_FUNCTION_NAME is set)")).count(),
                    run.toString());
        }
    }
}
