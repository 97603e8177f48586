package io.bactrian.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code bootstrap} the function pages give, run as the platform runs it: the JVM's
 * options in the package's folder, the class-data archive only when the package carries one, and a
 * JVM that starts, silently, when that archive is of no use to it.
 */
class BootstrapTest {
    private static final List<String> OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
            "bactrian.jar", "function");
    private static final List<String> ARCHIVE = List.of("-XX:SharedArchiveFile=bactrian.jsa",
            "-Xlog:cds=off,cds+dynamic=off");

    @TempDir
    Path dir;

    @Test
    void bothPlatformsShipOneBootstrap() throws IOException {
        assertEquals(bootstrap("function-compute.md"), bootstrap("tencent-scf.md"));
    }

    @Test
    void theArchiveIsGivenOnlyWhenThePackageHasOne() throws Exception {
        Path code = Files.createDirectories(dir.resolve("code"));
        Path script = executable(code.resolve("bootstrap"), bootstrap("function-compute.md"));
        // the JRE the function's JAVA_HOME names: here one that says where and how it was started
        executable(Files.createDirectories(dir.resolve("jre/bin")).resolve("java"), "#!/bin/sh\npwd\nprintf '%s\\n' \"$@\"\n");

        assertEquals(lines(code.toString(), OPTIONS), started(script));
        Files.write(code.resolve("bactrian.jsa"), new byte[] {1, 2, 3});
        List<String> withArchive = new ArrayList<>(ARCHIVE);
        withArchive.addAll(OPTIONS);
        assertEquals(lines(code.toString(), withArchive), started(script));
    }

    @Test
    void aJvmGivenAnArchiveItCannotUseStartsWithoutAWord() throws Exception {
        Path archive = Files.write(dir.resolve("bactrian.jsa"), "recorded by another JVM".getBytes(StandardCharsets.UTF_8));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ARCHIVE);
        command.add("-version");
        Process jvm = new ProcessBuilder(command).directory(archive.getParent().toFile()).redirectErrorStream(true).start();
        String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(jvm.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, jvm.exitValue(), output);
        assertTrue(output.lines().allMatch(l -> l.matches("(openjdk|java) version .*|.*Runtime Environment.*|.*VM \\(build.*")),
                output);
    }

    /** The first {@code sh} block of the page: the bootstrap. */
    private static String bootstrap(String page) throws IOException {
        String text = Files.readString(Path.of("docs/operations", page));
        int start = text.indexOf("```sh\n#!/bin/bash\n");
        assertTrue(start >= 0, page + " has no bootstrap");
        start += "```sh\n".length();
        return text.substring(start, text.indexOf("```", start));
    }

    private static Path executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** What the JRE was started with, the bootstrap run from another folder, as the platform runs it. */
    private List<String> started(Path script) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(script.toString()).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", dir.resolve("jre").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output.lines().toList();
    }

    private static List<String> lines(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }
}
