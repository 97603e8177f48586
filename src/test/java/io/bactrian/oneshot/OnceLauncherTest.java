package io.bactrian.oneshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When {@code once} gets a child JVM with start-up options, what that child is started with,
 * and the class-data archive's life beside the jar. The shipped jar itself is run in
 * {@code OnceFastStartIT}.
 */
class OnceLauncherTest {
    private static final String JAR = "/opt/monitor/bactrian.jar";

    @TempDir
    Path dir;

    private static boolean wanted(Map<String, String> env, String... launch) {
        return OnceLauncher.wanted(List.of(launch), JAR, env);
    }

    @Test
    void aJarStartedWithoutTuningGetsAChild() {
        assertTrue(wanted(Map.of(), "-jar", JAR, "once"));
        assertTrue(wanted(Map.of(), "-Xmx256m", "-Dmail.host=smtp.example.com", "-jar", JAR, "once", "shop"),
                "heap size and properties are not start-up choices; they go to the child as they are");
        assertTrue(wanted(Map.of(), "-jar", JAR, "once", "-XX:+UseG1GC"), "after the jar it is an argument, not an option");
    }

    @Test
    void theUsersOwnJvmSetUpRunsInOneJvm() {
        // a choice ours would contradict, or what two JVMs cannot share: a port, an agent, a recording
        for (String own : List.of("-XX:+UseG1GC", "-XX:+UseParallelGC", "-XX:TieredStopAtLevel=4", "-XX:-TieredCompilation",
                "-XX:SharedArchiveFile=a.jsa", "-XX:ArchiveClassesAtExit=a.jsa", "-Xshare:off", "-Xint",
                "-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-javaagent:otel.jar",
                "-Dcom.sun.management.jmxremote.port=9010", "-XX:StartFlightRecording=filename=a.jfr", "@jvm.args")) {
            assertFalse(wanted(Map.of(), own, "-jar", JAR, "once"), own);
            assertFalse(wanted(Map.of("JAVA_TOOL_OPTIONS", "-Xmx1g " + own), "-jar", JAR, "once"), "JAVA_TOOL_OPTIONS " + own);
            assertFalse(wanted(Map.of("JDK_JAVA_OPTIONS", own), "-jar", JAR, "once"), "JDK_JAVA_OPTIONS " + own);
        }
        // on the command line only what the child can take over as it is
        for (String unknown : List.of("-verbose:gc", "-Xlog:gc", "-XX:+PrintCommandLineFlags", "--add-opens=java.base/java.lang=ALL-UNNAMED")) {
            assertFalse(wanted(Map.of(), unknown, "-jar", JAR, "once"), unknown);
        }
        assertTrue(wanted(Map.of(), "-Xms64m", "-Xss512k", "-XX:MaxRAMPercentage=75", "-ea", "-Duser.timezone=Asia/Shanghai",
                "-jar", JAR, "once"));
        assertTrue(wanted(Map.of("JAVA_TOOL_OPTIONS", "-XX:+PrintCommandLineFlags -Xlog:gc:file=gc-%p.log"), "-jar", JAR, "once"),
                "harmless when both JVMs read them");
    }

    @Test
    void switchedOffOrNotFromAJarRunsHere() {
        assertFalse(wanted(Map.of(OnceLauncher.SWITCH, "false"), "-jar", JAR, "once"));
        assertFalse(OnceLauncher.wanted(List.of("-cp", "classes:lib/*", "io.bactrian.Bactrian", "once"),
                "classes:lib/a.jar", Map.of()), "a class path of folders cannot carry an archive");
    }

    @Test
    void theChildIsTheSameCommandLineWithTheStartupOptionsInFront() {
        assertEquals(List.of("/jdk/bin/java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:SharedArchiveFile=x.jsa",
                        "-Dshop.url=http://127.0.0.1:81/", "-jar", JAR, "once", "shop", "--timeout", "30"),
                OnceLauncher.command("/jdk/bin/java", List.of("-XX:SharedArchiveFile=x.jsa"),
                        List.of("-Dshop.url=http://127.0.0.1:81/", "-jar", JAR, "once", "shop", "--timeout", "30")));
    }

    @Test
    void theArchiveIsNotedFirstRecordedSecondAndMappedFromThen() throws Exception {
        Path jar = Files.write(dir.resolve("bactrian.jar"), new byte[] {1, 2, 3});
        assertEquals(List.of(), ClassDataArchive.of(jar, "/jdk", "17.0.15").jvmOptions(),
                "a first run pays nothing: it may be the only one (a fresh container)");
        String note = only(files());
        assertTrue(note.matches("bactrian-[0-9a-f]+\\.jsa\\.wanted"), note);
        String archive = note.replace(".wanted", "");

        ClassDataArchive second = ClassDataArchive.of(jar, "/jdk", "17.0.15");
        String recording = record(second);
        assertTrue(recording.startsWith(dir.resolve(archive) + "."), recording);
        assertTrue(recording.endsWith("." + ProcessHandle.current().pid() + ".tmp"), "each run records into its own file");
        second.finish(0);
        assertEquals(List.of(archive), files(), "the note is gone, the archive in place");

        List<String> mapping = ClassDataArchive.of(jar, "/jdk", "17.0.15").jvmOptions();
        assertEquals("-XX:SharedArchiveFile=" + dir.resolve(archive), mapping.get(0));
        assertTrue(mapping.contains("-Xlog:cds=off,cds+dynamic=off"), "a stale archive gives no JVM warnings in the output");
    }

    @Test
    void aNewJarRecordsANewArchiveAndTheOldJarsGoes() throws Exception {
        Path jar = Files.write(dir.resolve("bactrian.jar"), new byte[] {1, 2, 3});
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() - 120_000));
        String old = recorded(jar, "17.0.15");
        Files.setLastModifiedTime(dir.resolve(old), FileTime.fromMillis(System.currentTimeMillis() - 90_000));
        String otherJvm = recorded(jar, "17.0.16");
        assertFalse(otherJvm.equals(old), "another JVM cannot map the old archive: it gets its own");
        Files.writeString(dir.resolve("bactrian-prod.jsa.bak"), "the user's");
        Files.writeString(dir.resolve("bactrian-0.2-1a2b3c.jsa"), "a rollback jar's");
        Files.writeString(dir.resolve("bactrian-1a2b3c.jsa.999999999.tmp"), "left by a run killed while recording");

        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        String updated = recorded(jar, "17.0.15");
        assertFalse(updated.equals(old), "an updated jar gets an archive of its own");
        assertEquals(List.of("bactrian-0.2-1a2b3c.jsa", otherJvm, updated, "bactrian-prod.jsa.bak").stream().sorted()
                .toList(), files(), "the old jar's archive and the dead run's recording are gone; what is not ours stays, "
                + "and the other JVM's, made after the jar, too");
    }

    @Test
    void anArchiveTheJvmCrashedOnIsRemoved() throws Exception {
        Path jar = Files.write(dir.resolve("bactrian.jar"), new byte[] {1});
        String archive = recorded(jar, "17");
        ClassDataArchive.of(jar, "/jdk", "17").finish(143);
        assertEquals(List.of(archive), files(), "stopped: the archive is fine");
        ClassDataArchive.of(jar, "/jdk", "17").finish(128 + 7);
        assertEquals(List.of(), files(), "a bus error mapping it (e.g. the file was cut short): gone, recorded again later");
    }

    @Test
    void aRecordingCutShortIsDropped() throws Exception {
        Path jar = Files.write(dir.resolve("bactrian.jar"), new byte[] {1});
        ClassDataArchive.of(jar, "/jdk", "17").jvmOptions();
        String note = only(files());
        ClassDataArchive archive = ClassDataArchive.of(jar, "/jdk", "17");
        record(archive);
        archive.finish(143);
        assertEquals(List.of(note), files(), "a killed run's archive may be partial: none is kept, the next run records again");
        record(archive);
        archive.finish(2);
        assertEquals(List.of(note), files(), "a run stopped at a configuration error loaded too few classes to keep");
    }

    /** Two runs of a jar: the note, then the recording; the archive's file name. */
    private String recorded(Path jar, String vmVersion) throws Exception {
        ClassDataArchive.of(jar, "/jdk", vmVersion).jvmOptions();
        ClassDataArchive archive = ClassDataArchive.of(jar, "/jdk", vmVersion);
        String recording = record(archive);
        archive.finish(1);
        return Path.of(recording).getFileName().toString().replaceFirst("\\.\\d+\\.tmp$", "");
    }

    /** What the JVM does at the end of a recording run: writes the file the option names; its path. */
    private static String record(ClassDataArchive archive) throws Exception {
        String option = archive.jvmOptions().get(0);
        assertTrue(option.startsWith("-XX:ArchiveClassesAtExit="), option);
        String path = option.substring(option.indexOf('=') + 1);
        Files.write(Path.of(path), new byte[] {42});
        return path;
    }

    private static String only(List<String> files) {
        assertEquals(1, files.size(), files.toString());
        return files.get(0);
    }

    /** The folder's files beside the jar. */
    private List<String> files() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> !f.endsWith(".jar")).sorted().toList();
        }
    }
}
