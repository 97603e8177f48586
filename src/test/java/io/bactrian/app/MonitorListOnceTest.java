package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.bactrian.testing.CountingTarget;
import io.bactrian.testing.MeasuresTime;
import io.bactrian.testing.MonitorListProject;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.MonitorProcess.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code once} over a monitor list of 1,000 monitors, as a timer or CI job runs it: each is
 * checked exactly once (counted at the target), one result line each, exit code 0. The wall
 * time, JVM start included, is printed; {@code bench/once-1000.sh} measures it.
 */
@MeasuresTime
class MonitorListOnceTest {
    private static final int N = 1000;

    @TempDir
    Path dir;

    private static String path(int i) {
        return String.format("/m%04d", i);
    }

    @Test
    void aThousandMonitorsRunOnceEach() throws Exception {
        MonitorListProject.create(dir, MonitorProcess.freePort());
        try (CountingTarget target = new CountingTarget()) {
            StringBuilder yaml = new StringBuilder("defaults:\n  kind: http\n  cron: \"0 0 0 1 1 ? 2099\"\nmonitors:\n");
            for (int i = 0; i < N; i++) {
                yaml.append("  - id: m").append(String.format("%04d", i)).append("\n    url: \"")
                        .append(target.url(path(i))).append("\"\n");
            }
            MonitorListProject.write(dir, "many.yaml", yaml.toString());

            long start = System.nanoTime();
            Result result = MonitorProcess.run(dir, Duration.ofSeconds(180), List.of(), "once");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.printf("once with %d monitors: exit %d after %.1f s wall, JVM start included%n", N,
                    result.exitCode(), took.toMillis() / 1000.0);

            assertEquals(0, result.exitCode(), result.toString());
            Map<String, Integer> expected = new TreeMap<>();
            for (int i = 0; i < N; i++) {
                expected.put(path(i), 1);
            }
            assertEquals(expected, target.counts(), "each monitor requested exactly once");
            List<String> lines = result.stdout().stream().filter(l -> l.matches("m\\d{4} +UP +.*")).toList();
            assertEquals(N, lines.size(), "one result line per monitor:\n" + result);
            assertEquals(N, lines.stream().map(l -> l.substring(0, 5)).distinct().count(), result.toString());
            assertTrue(result.stdout().stream().noneMatch(l -> l.contains(" DOWN ")), result.toString());
        }
    }
}
