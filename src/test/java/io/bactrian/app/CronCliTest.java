package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.MonitorProcess.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cron}, as a user runs it to see what a pasted expression means. */
class CronCliTest {
    @TempDir
    Path dir;

    @Test
    void printsTheNextWeekdayMornings() throws Exception {
        // 2026-11-27 is a Friday: then Monday 30 November and Tuesday 1 December
        Result result = MonitorProcess.run(dir, "cron", "0 15 10 * * MON-FRI *", "--from", "2026-11-27T00:00:00+08:00",
                "--count", "3", "--tz", "Asia/Shanghai");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(List.of(
                "2026-11-27T10:15:00+08:00",
                "2026-11-30T10:15:00+08:00",
                "2026-12-01T10:15:00+08:00"), result.stdout(), result.toString());
        assertEquals(List.of(), result.stderr(), result.toString());
    }

    @Test
    void invalidExpressionNamesTheField() throws Exception {
        Result result = MonitorProcess.run(dir, "cron", "0 15 25 * * MON-FRI *", "--count", "3");
        assertNotEquals(0, result.exitCode(), result.toString());
        assertEquals(List.of(), result.stdout(), result.toString());
        assertTrue(result.err().contains("invalid cron expression '0 15 25 * * MON-FRI *'"), result.toString());
        assertTrue(result.err().contains("hour field"), result.toString());
    }
}
