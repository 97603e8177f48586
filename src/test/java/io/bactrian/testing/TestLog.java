package io.bactrian.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The file the applications started in this test JVM log to (log4j2-test.properties). Each
 * surefire fork has its own, so a test reading it sees only the lines of its own JVM.
 */
public final class TestLog {
    public static final Path FILE = Path.of(System.getProperty("bactrian.test-log", "target/test-logs/bactrian.log"));

    private TestLog() {
    }

    /** What it holds so far; empty before the first line. */
    public static String text() {
        try {
            return Files.isRegularFile(FILE) ? Files.readString(FILE) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Its lines so far, read once: the file grows while it is read. */
    public static List<String> lines() {
        try {
            return Files.isRegularFile(FILE) ? Files.readAllLines(FILE) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
