package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.MonitorProcess.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every command of the jar, as a user runs it: {@code --help} and {@code -h} print its usage on
 * stdout and exit 0; an option it does not take is one line on stderr and exit 2.
 */
class CommandHelpTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"run", "once", "function", "validate", "migrate-monitors", "probe", "kafka-lag", "cron",
            "function-descriptors"})
    void helpAndUnknownOptions(String command) throws Exception {
        for (String help : List.of("--help", "-h")) {
            Result result = MonitorProcess.run(dir, command, help);
            assertEquals(0, result.exitCode(), result.toString());
            assertTrue(result.stdout().get(0).startsWith("usage: " + command + " "), result.toString());
            assertTrue(result.stdout().size() > 3, "more than the usage line: what it does and its options\n" + result);
            assertEquals(List.of(), result.stderr());
        }
        Result unknown = MonitorProcess.run(dir, command, "--frobnicate");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertEquals(List.of(command + ": unknown option '--frobnicate' (see '" + command + " --help')"), unknown.stderr());
    }

    @Test
    void theJarListsItsCommands() throws Exception {
        for (String help : List.of("--help", "-h")) {
            Result result = MonitorProcess.run(dir, help);
            assertEquals(0, result.exitCode(), result.toString());
            for (String command : List.of("run", "once", "function", "validate", "migrate-monitors", "probe", "kafka-lag", "cron",
                    "function-descriptors")) {
                assertTrue(result.out().contains("\n  " + command + " "), command + "\n" + result);
            }
        }
        Result unknown = MonitorProcess.run(dir, "frobnicate");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertEquals(1, unknown.stderr().size(), unknown.toString());
    }
}
