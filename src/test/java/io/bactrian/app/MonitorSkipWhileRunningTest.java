package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import io.bactrian.testing.Await;
import io.bactrian.testing.CountingTarget;
import io.bactrian.testing.MonitorListProject;
import io.bactrian.testing.MonitorProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A monitor whose target answers more slowly than its cron fires is never checked twice at the
 * same time: the fires that come while a check runs are skipped, counted at the target. A
 * quick monitor on the same cron keeps its pace meanwhile.
 */
class MonitorSkipWhileRunningTest {
    @TempDir
    Path dir;

    @Test
    void aSlowCheckIsNotStartedAgainWhileItRuns() throws Exception {
        MonitorListProject.create(dir, MonitorProcess.freePort());
        try (CountingTarget target = new CountingTarget()) {
            target.pause("/slow", 3500); // three and a half fire periods
            MonitorListProject.write(dir, "a.yaml", MonitorListProject.everySecond(List.of("timeout: 10000"),
                    "slow", target.url("/slow"), "quick", target.url("/quick")));
            try (MonitorProcess app = MonitorProcess.startRunning(dir, List.of())) {
                Await.until("three slow checks", 60_000, () -> target.requests("/slow") >= 3);
                Await.until("the quick monitor checked meanwhile", 30_000, () -> target.requests("/quick") >= 6);
                assertEquals(1, target.mostAtOnce("/slow"), "never two checks of one monitor at once");
                assertEquals(1, target.mostAtOnce("/quick"));
            }
        }
    }
}
