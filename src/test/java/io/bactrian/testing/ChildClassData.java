package io.bactrian.testing;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A class-data archive for the application JVMs the tests start: most of the suite's CPU goes to
 * starting them, and mapping the classes of Camel and its libraries from an archive instead of
 * loading and verifying them takes about a quarter off each start. The JDK archives classes from
 * jars only, so the archived JVMs get the test and main class folders as one jar. The first JVM
 * start of a test run makes the archive in the background, recorded from one start of the shipped
 * demo; JVMs started before it is ready run without it. Kept under {@code target/} per build: a
 * recompile names a new folder, so an archive never serves classes of an older build.
 */
final class ChildClassData {
    private static final String CLASSPATH = System.getProperty("java.class.path");
    private static final Path DIR = Path.of("target/child-class-data", Integer.toHexString(buildKey()));
    private static final Path ARCHIVE = DIR.resolve("app.jsa");
    private static final Path CLASSES = DIR.resolve("classes.jar");
    private static boolean begun;

    private ChildClassData() {
    }

    /** The class path and options for an application JVM of this build: the archive's once it is ready. */
    static List<String> classpathAndOptions() {
        begin();
        if (Files.isRegularFile(ARCHIVE)) {
            return List.of("-XX:SharedArchiveFile=" + ARCHIVE.toAbsolutePath(), "-cp", archivedClasspath());
        }
        return List.of("-cp", CLASSPATH);
    }

    private static synchronized void begin() {
        if (begun) {
            return;
        }
        begun = true;
        Thread maker = new Thread(ChildClassData::makeUnlessAnotherJvmDoes, "class-data archive");
        maker.setDaemon(true);
        maker.start();
    }

    /** The two surefire JVMs share the folder: the one that gets the lock makes the archive. */
    private static void makeUnlessAnotherJvmDoes() {
        try {
            Files.createDirectories(DIR);
            try (FileChannel lockFile = FileChannel.open(DIR.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = lockFile.tryLock()) {
                if (lock != null && !Files.exists(ARCHIVE)) {
                    make();
                }
            }
        } catch (Exception e) {
            // without the archive the JVMs start as before, only slower
            System.err.println("no class-data archive for the test JVMs: " + e);
        }
    }

    private static void make() throws Exception {
        try (Stream<Path> builds = Files.list(DIR.getParent())) { // those of earlier builds serve no one
            for (Path older : builds.filter(b -> !b.equals(DIR)).toList()) {
                deleteTree(older);
            }
        }
        writeClassesJar();
        Path project = MonitorProcess.copyProject(Files.createTempDirectory("class-data"));
        MonitorProcess.setProperty(project, "camel.server.port", String.valueOf(MonitorProcess.freePort()));
        Path recording = DIR.resolve("app.jsa.part");
        List<String> what = new ArrayList<>(MonitorProcess.QUICK);
        what.addAll(List.of("-XX:ArchiveClassesAtExit=" + recording.toAbsolutePath(), "-cp", archivedClasspath(),
                MonitorProcess.MAIN));
        try (MonitorProcess demo = MonitorProcess.launch(project, List.of(), what, java.util.Map.of(), "run")) {
            // a test JVM that ends first takes the recording with it, rather than leave it running
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    demo.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            if (demo.awaitStdout(l -> l.contains("(bactrian) started in"), Duration.ofSeconds(180)).isPresent()) {
                demo.stop(Duration.ofSeconds(120)); // the JVM writes the archive as it exits
            }
        }
        deleteTree(project);
        if (Files.isRegularFile(recording) && Files.size(recording) > 0) {
            Files.move(recording, ARCHIVE, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The class path with its folders (test classes first, as surefire orders them) replaced by one jar. */
    private static String archivedClasspath() {
        List<String> entries = new ArrayList<>(List.of(CLASSES.toAbsolutePath().toString()));
        for (String entry : CLASSPATH.split(File.pathSeparator)) {
            if (!Files.isDirectory(Path.of(entry))) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void writeClassesJar() throws IOException {
        Path part = DIR.resolve("classes.jar.part");
        Set<String> written = new HashSet<>();
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(part))) {
            for (Path folder : folders()) {
                try (Stream<Path> files = Files.walk(folder)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        String name = folder.relativize(file).toString().replace(File.separatorChar, '/');
                        if (written.add(name)) { // the first folder wins, as on the class path
                            jar.putNextEntry(new JarEntry(name));
                            Files.copy(file, (OutputStream) jar);
                            jar.closeEntry();
                        }
                    }
                }
            }
        }
        Files.move(part, CLASSES, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static List<Path> folders() {
        return Stream.of(CLASSPATH.split(File.pathSeparator)).map(Path::of).filter(Files::isDirectory).toList();
    }

    /** Changes with the class path and with any class or resource file of this build. */
    private static int buildKey() {
        int key = CLASSPATH.hashCode();
        for (Path folder : folders()) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    key = 31 * key + (file + ":" + Files.size(file) + ":" + Files.getLastModifiedTime(file)).hashCode();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return key;
    }
}
