package io.bactrian.oneshot;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The class-data sharing archive of one jar on one JVM, kept beside the jar
 * ({@code bactrian-<key>.jsa}): the classes a run loaded, parsed and verified, which later
 * starts map from disk instead. Recording one makes that run's exit about 3 s slower, so the
 * first run of a jar only leaves a note ({@code .jsa.wanted}), the second records, and the rest
 * map it; a fresh container or a read-only folder never records.
 */
final class ClassDataArchive {
    /** Signals a JVM ends with when it crashed rather than was stopped: abort, bus error, segfault. */
    private static final List<Integer> CRASHED = List.of(128 + 6, 128 + 7, 128 + 11);

    private final Path jar;
    private final Path archive;
    private final Path wanted;
    private final Path recording;
    private final Pattern ours;

    private ClassDataArchive(Path jar, String base, String key) {
        this.jar = jar;
        this.archive = jar.resolveSibling(base + "-" + key + ".jsa");
        this.wanted = jar.resolveSibling(archive.getFileName() + ".wanted");
        this.recording = jar.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        // only files this class makes: a user's bactrian-prod.jsa.bak stays
        this.ours = Pattern.compile(Pattern.quote(base) + "-[0-9a-f]{1,8}\\.jsa(\\.wanted|\\.(\\d+)\\.tmp)?");
    }

    /**
     * The archive of this jar, as the JVM is given its path, on this JVM: another jar, build or
     * JVM gets its own (the JVM refuses an archive recorded with another class path).
     */
    static ClassDataArchive of(Path jar, String javaHome, String vmVersion) throws IOException {
        Path absolute = jar.toAbsolutePath();
        String base = absolute.getFileName().toString().replaceFirst("\\.jar$", "");
        String key = Integer.toHexString(List.of(absolute.toString(), Files.size(absolute),
                Files.getLastModifiedTime(absolute).toMillis(), javaHome, vmVersion).hashCode());
        return new ClassDataArchive(absolute, base, key);
    }

    /** The JVM options for this run: map the archive, record it, or nothing this time. */
    List<String> jvmOptions() {
        // a stale archive is this class's business, not the user's: no JVM warnings in the output
        String quiet = "-Xlog:cds=off,cds+dynamic=off";
        if (Files.isRegularFile(archive)) {
            return List.of("-XX:SharedArchiveFile=" + archive, quiet);
        }
        if (!Files.isWritable(archive.getParent())) {
            return List.of();
        }
        if (Files.exists(wanted)) {
            // a JVM that cannot write its archive at exit ends with 1, whatever the monitors found
            return roomToRecord() ? List.of("-XX:ArchiveClassesAtExit=" + recording, quiet) : List.of();
        }
        try {
            Files.createFile(wanted);
        } catch (IOException e) {
            // another run left the note at the same moment, or the folder refused: next time
        }
        return List.of();
    }

    /**
     * After the run. A recording from a run that ended with its results (0 or 1) takes its place,
     * at once for runs beside this one; from a run cut short, or one that stopped at a
     * configuration error, it is partial and dropped. An archive the JVM crashed on is removed,
     * so the next run records a good one.
     */
    void finish(int exitCode) throws IOException {
        if (CRASHED.contains(exitCode)) {
            Files.deleteIfExists(archive);
        }
        if (!Files.isRegularFile(recording)) {
            return;
        }
        if ((exitCode != 0 && exitCode != 1) || Files.size(recording) == 0) {
            Files.delete(recording);
            return;
        }
        try {
            Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(recording);
        }
        Files.deleteIfExists(wanted);
        removeStale();
    }

    /** The recording needs about as much room as the jar; the margin keeps the disk from filling. */
    private boolean roomToRecord() {
        try {
            return Files.getFileStore(archive.getParent()).getUsableSpace() > 2 * Files.size(jar);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Archives older than the jar (recorded for an earlier build of it), their notes, and
     * recordings left by runs that were killed. Archives of another JVM or spelling of the jar's
     * path, made since, stay: runs that alternate would record again and again otherwise.
     */
    private void removeStale() throws IOException {
        long built = Files.getLastModifiedTime(jar).toMillis();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(archive.getParent())) {
            for (Path file : files) {
                Matcher name = ours.matcher(file.getFileName().toString());
                if (!name.matches() || file.equals(archive)) {
                    continue;
                }
                boolean stale = name.group(2) != null
                        ? ProcessHandle.of(Long.parseLong(name.group(2))).isEmpty()
                        : Files.getLastModifiedTime(file).toMillis() < built;
                if (stale) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
