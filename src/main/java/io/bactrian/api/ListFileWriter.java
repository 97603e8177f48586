package io.bactrian.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

import io.bactrian.core.Problem;

/**
 * Writes a change of one monitor list: under a lock (of this process and of the folder, for
 * other instances), it reads the file, makes the change, checks the lists as the reload will,
 * reads the file again and starts over when it changed meanwhile (a hand edit is never lost),
 * then puts the new text in place in one rename: a reader sees the old file or the new one,
 * never half of it.
 */
final class ListFileWriter {
    /** Another instance on the same folder waits on the lock file; threads of this one on this. */
    private static final Object PROCESS = new Object();
    /** Tries before a file that keeps changing under the write is given up. */
    private static final int TRIES = 5;

    private final MonitorListFiles lists;
    /** The problems of a text as answered: values of secret settings that a message quotes masked. */
    private final BiFunction<List<Problem>, String, List<Problem>> masked;

    ListFileWriter(MonitorListFiles lists, BiFunction<List<Problem>, String, List<Problem>> masked) {
        this.lists = lists;
        this.masked = masked;
    }

    /**
     * Writes {@code change} of {@code file}'s text (null: no such file yet) when the lists have no
     * problem with it; the text written.
     */
    String write(Path file, UnaryOperator<String> change) throws IOException {
        synchronized (PROCESS) {
            Path lock = file.resolveSibling(".bactrian-write.lock");
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = channel.lock()) {
                for (int i = 0; i < TRIES; i++) {
                    String before = read(file);
                    String after = change.apply(before);
                    List<Problem> problems = lists.check(Map.of(file, after));
                    if (!problems.isEmpty()) {
                        throw ApiError.problems(masked.apply(problems, after));
                    }
                    if (Objects.equals(before, read(file))) {
                        replace(file, after);
                        return after;
                    }
                    // edited by hand while this change was checked: made again on that text
                }
                throw ApiError.of(409, lists.name(file) + " keeps changing; try again");
            }
        }
    }

    /** The file's text, null when there is none. */
    static String read(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Writes a file beside it that the lists' globs do not name, flushed to disk, and renames it over the file. */
    private static void replace(Path file, String text) throws IOException {
        Path part = file.resolveSibling("." + file.getFileName() + ".writing");
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
        try {
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(part);
            throw e;
        }
    }
}
