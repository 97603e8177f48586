package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.MonitorProcess.Result;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar bactrian.jar once} with the built jar, as a serverless timer or CronJob
 * starts it: the run goes to a child JVM with the quick compiler, the serial collector and,
 * from the third run on, the class-data archive beside the jar; results, exit codes, {@code -D}
 * options and a stop pass through. Each JVM prints its flags ({@code -XX:+PrintCommandLineFlags}
 * in {@code JAVA_TOOL_OPTIONS}), so the test sees how many there were and what they ran with.
 */
class OnceFastStartIT {
    private static final String FLAGS = "-XX:+PrintCommandLineFlags";

    @TempDir
    Path dir;
    private Path jar;
    private Path run;

    @BeforeEach
    void project() throws Exception {
        // a copy, so the archive is written beside it and not into target/
        jar = Files.copy(Path.of("target/bactrian.jar"), Files.createDirectories(dir.resolve("app")).resolve("bactrian.jar"));
        run = MonitorProcess.copyProject(Files.createDirectories(dir.resolve("run")));
        MonitorProcess.writeShopMonitor(run, "timeout", "{{shop.timeout:2500}}", "failureThreshold", "1");
        MonitorProcess.setProperty(run, "shop.url", "http://127.0.0.1:9/");
        MonitorProcess.setProperty(run, "camel.server.port", String.valueOf(MonitorProcess.freePort()));
    }

    private Result once(Map<String, String> env, List<String> jvmOptions, String... args) throws Exception {
        return MonitorProcess.runJar(run, jar, Duration.ofSeconds(90), jvmOptions, env,
                Stream.concat(Stream.of("once"), Stream.of(args)).toArray(String[]::new));
    }

    /** The flags of each JVM the run started, in start order. */
    private static List<String> jvms(Result result) {
        return result.stdout().stream().filter(l -> l.startsWith("-XX:") && l.contains("-XX:InitialHeapSize")).toList();
    }

    private List<String> besideTheJar() throws Exception {
        try (Stream<Path> files = Files.list(jar.getParent())) {
            return files.map(f -> f.getFileName().toString()).filter(f -> !f.endsWith(".jar")).sorted().toList();
        }
    }

    @Test
    void theRunGoesToAQuickChildJvmAndFromTheThirdRunMapsTheArchive() throws Exception {
        try (TestServer target = TestServer.answering(200, "ok")) {
            List<String> url = List.of("-Dshop.url=" + target.url("/"));

            Result first = once(Map.of("JAVA_TOOL_OPTIONS", FLAGS), url, "shop");
            assertEquals(0, first.exitCode(), first.toString());
            assertEquals(1, first.stdout().stream().filter(l -> l.matches("shop +UP +HTTP 200.*")).count(),
                    "the -D option reached the monitor, and the table is printed once: " + first);
            List<String> jvms = jvms(first);
            assertEquals(2, jvms.size(), first.toString());
            assertFalse(jvms.get(0).contains("TieredStopAtLevel"), jvms.get(0));
            assertTrue(jvms.get(1).contains("-XX:TieredStopAtLevel=1") && jvms.get(1).contains("-XX:+UseSerialGC"), jvms.get(1));
            assertFalse(jvms.get(1).contains("SharedArchive"), "the first run records nothing: " + jvms.get(1));
            assertTrue(only(besideTheJar()).matches("bactrian-[0-9a-f]+\\.jsa\\.wanted"), besideTheJar().toString());

            Result second = once(Map.of("JAVA_TOOL_OPTIONS", FLAGS), url, "shop");
            assertEquals(0, second.exitCode(), second.toString());
            assertTrue(jvms(second).get(1).contains("-XX:ArchiveClassesAtExit="), second.toString());
            assertFalse(second.out().contains("[warning]"), "recording prints nothing of its own: " + second.out());
            String archive = only(besideTheJar());
            assertTrue(archive.matches("bactrian-[0-9a-f]+\\.jsa"), archive);
            assertTrue(Files.size(jar.resolveSibling(archive)) > 10_000_000, "the classes of a whole run");

            Path classLog = dir.resolve("classes-%p.log");
            Result third = once(Map.of("JAVA_TOOL_OPTIONS", FLAGS + " -Xlog:class+load:file=" + classLog), url, "shop");
            assertEquals(0, third.exitCode(), third.toString());
            assertTrue(jvms(third).get(1).contains("-XX:SharedArchiveFile=" + jar.resolveSibling(archive)), third.toString());
            long mapped = 0;
            try (Stream<Path> logs = Files.list(dir).filter(f -> f.getFileName().toString().startsWith("classes-"))) {
                for (Path log : logs.toList()) {
                    try (Stream<String> lines = Files.lines(log)) {
                        mapped = Math.max(mapped, lines.filter(l -> l.contains("source: shared objects file (top)")).count());
                    }
                }
            }
            assertTrue(mapped > 3000, "the child mapped " + mapped + " classes from the archive instead of reading the jar");
            assertEquals(3, target.requests().size(), "one probe per run");
        }
    }

    @Test
    void exitCodesPassThroughTheChild() throws Exception {
        try (TestServer target = TestServer.answering(503, "busy")) {
            Result down = once(Map.of(), List.of("-Dshop.url=" + target.url("/")), "shop");
            assertEquals(1, down.exitCode(), down.toString());
            assertTrue(down.stdout().stream().anyMatch(l -> l.matches("shop +DOWN +HTTP 503.*")), down.toString());
        }
        Result unknown = once(Map.of(), List.of(), "nosuch");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("no monitor named [nosuch]"), unknown.toString());
    }

    @Test
    void theUsersOwnJvmChoiceOrTheSwitchRunsInOneJvm() throws Exception {
        Result own = once(Map.of("JAVA_TOOL_OPTIONS", FLAGS), List.of("-XX:+UseParallelGC"), "shop");
        assertEquals(1, jvms(own).size(), own.toString());
        assertTrue(jvms(own).get(0).contains("-XX:+UseParallelGC"), own.toString());
        assertEquals(1, own.exitCode(), "the monitor still ran: " + own);

        Result off = once(Map.of("JAVA_TOOL_OPTIONS", FLAGS, "BACTRIAN_FAST_START", "false"), List.of(), "shop");
        assertEquals(1, jvms(off).size(), off.toString());
        assertFalse(jvms(off).get(0).contains("TieredStopAtLevel"), off.toString());
        assertEquals(List.of(), besideTheJar(), "no child, no archive");
    }

    /** {@code once} started from the jar, probing a target that takes the connection and never answers. */
    private record Probing(TestServer silent, MonitorProcess launcher) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            try (silent) {
                launcher.close();
            }
        }
    }

    /** Returns once the run is waiting on the target. */
    private Probing probingASilentTarget() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        TestServer silent = TestServer.raw(socket -> {
            connections.incrementAndGet();
            Thread.sleep(120_000);
        });
        Probing probing = new Probing(silent, MonitorProcess.startJar(run, jar,
                List.of("-Dshop.url=" + silent.url("/"), "-Dshop.timeout=60000"), Map.of(), "once", "shop"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (connections.get() == 0) {
            if (System.nanoTime() > deadline) {
                probing.close();
                throw new AssertionError("the run never reached the target");
            }
            Thread.sleep(100);
        }
        return probing;
    }

    @Test
    void stoppingTheLauncherStopsTheRun() throws Exception {
        try (Probing probing = probingASilentTarget()) {
            MonitorProcess launcher = probing.launcher();
            List<ProcessHandle> children = launcher.children();
            assertEquals(1, children.size(), "the monitors run in one child JVM");
            long stopping = System.nanoTime();
            int code = launcher.stop(Duration.ofSeconds(60));
            Duration took = Duration.ofNanos(System.nanoTime() - stopping);
            assertFalse(children.get(0).isAlive(), "SIGTERM to the launcher stopped the JVM running the monitors");
            assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0,
                    "stopped in " + took + ", within a CronJob's grace period, not after the probe's 60 s");
            assertEquals(143, code, "ended by SIGTERM");
            assertTrue(launcher.stdoutText().lines().anyMatch(l -> l.matches("shop +DOWN +stopped before it finished")),
                    launcher.stdoutText());
        }
    }

    @Test
    void aKilledLauncherLeavesNoRunBehind() throws Exception {
        try (Probing probing = probingASilentTarget()) {
            ProcessHandle child = probing.launcher().children().get(0);
            // SIGKILL (timeout -s KILL, the OOM killer): no hook runs in the launcher
            ProcessHandle.of(probing.launcher().pid()).orElseThrow().destroyForcibly();
            assertTrue(child.onExit().get(20, TimeUnit.SECONDS) != null && !child.isAlive(),
                    "the run ended with its launcher; the next run will not meet it");
        }
    }

    private static String only(List<String> files) {
        assertEquals(1, files.size(), files.toString());
        return files.get(0);
    }
}
