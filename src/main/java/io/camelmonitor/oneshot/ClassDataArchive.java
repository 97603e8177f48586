package io.camelmonitor.oneshot;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The class-data sharing archive of one jar on one JVM, kept beside the jar
 * ({@code camel-monitor-<key>.jsa}): the classes a run loaded, parsed and verified, which later
 * starts map from disk instead. Recording one makes that run's exit about 3 s slower, so the
 * first run in a folder only leaves a note ({@code .jsa.wanted}), the second records, and the
 * rest map it; a fresh container or a read-only folder never records.
 */
final class ClassDataArchive {
    private final Path archive;
    private final Path wanted;
    private final Path recording;

    private ClassDataArchive(Path archive) {
        this.archive = archive;
        this.wanted = archive.resolveSibling(archive.getFileName() + ".wanted");
        this.recording = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    }

    /** The archive of this jar, JVM and build of both: another of either makes a new one. */
    static ClassDataArchive of(Path jar, String javaHome, String vmVersion) throws IOException {
        String base = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        String key = Integer.toHexString(List.of(jar.toAbsolutePath().toString(), Files.size(jar),
                Files.getLastModifiedTime(jar).toMillis(), javaHome, vmVersion).hashCode());
        return new ClassDataArchive(jar.toAbsolutePath().resolveSibling(base + "-" + key + ".jsa"));
    }

    /** The JVM options for this run: map the archive, record it, or nothing this time. */
    List<String> jvmOptions() {
        // a stale or damaged archive is this class's business, not the user's: no JVM warnings
        List<String> quiet = List.of("-Xlog:cds=off,cds+dynamic=off");
        if (Files.isRegularFile(archive)) {
            return concat("-XX:SharedArchiveFile=" + archive, quiet);
        }
        if (!Files.isWritable(archive.getParent())) {
            return List.of();
        }
        if (Files.exists(wanted)) {
            return concat("-XX:ArchiveClassesAtExit=" + recording, quiet);
        }
        try {
            Files.createFile(wanted);
        } catch (IOException e) {
            // another run left the note at the same moment, or the folder refused: next time
        }
        return List.of();
    }

    /**
     * After the run: an archive recorded by a run that ended by itself takes its place, at once
     * for runs beside this one; one cut short (a signal, a crash) may be partial and is dropped.
     */
    void finish(boolean endedByItself) throws IOException {
        if (!Files.isRegularFile(recording)) {
            return;
        }
        if (!endedByItself || Files.size(recording) == 0) {
            Files.delete(recording);
            return;
        }
        Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(wanted);
        removeStale();
    }

    /** Archives of earlier jars or JVMs in the same folder: they can never be mapped again. */
    private void removeStale() throws IOException {
        String name = archive.getFileName().toString();
        String prefix = name.substring(0, name.lastIndexOf('-') + 1);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(archive.getParent(), prefix + "*.jsa*")) {
            for (Path file : files) {
                String other = file.getFileName().toString();
                if (!other.startsWith(name) && !other.endsWith(".tmp")) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        return Stream.concat(Stream.of(first), rest.stream()).toList();
    }
}
