package io.bactrian.oneshot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.bactrian.config.OldNames;

/**
 * Runs {@code java -jar bactrian.jar once} in a child JVM started with the options a run of
 * seconds wants, which a jar cannot set for the JVM that opened it: only the quick JIT compiler
 * (on two cores the optimizing one takes CPU from start-up and never pays it back), a one-thread
 * garbage collector, and the class-data archive beside the jar. The parent only waits, passes
 * the exit code on and stops the child when it is stopped itself; the child stops when the
 * parent is gone. No child when the user gave the JVM options of their own beyond heap sizes and
 * properties, when {@code BACTRIAN_FAST_START=false}, or when not started from a jar.
 */
public final class OnceLauncher {
    static final String SWITCH = "BACTRIAN_FAST_START";
    /** Set in the child's environment: the launcher's pid, whose end ends the run. */
    static final String LAUNCHER = "BACTRIAN_LAUNCHER_PID";
    static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    /**
     * Command-line options the child can take over as they are. Others (a debugger's or JMX
     * port, an agent, an @argfile, a collector or compiler choice) are the user's own JVM set-up,
     * which two JVMs cannot share or ours would contradict: those run in one JVM.
     */
    private static final Pattern HANDED_ON = Pattern.compile(
            "-D(?!com\\.sun\\.management\\.).*|-X(mx|ms|ss)\\d+[kKmMgG]?|-XX:(Max|Min|Initial)RAMPercentage=[\\d.]+"
                    + "|-XX:MaxRAM=\\d+[kKmMgG]?|-ea|-da|-esa|-dsa");
    /** The same for the option variables, which both JVMs read: anything but these. */
    private static final Pattern NOT_TWICE = Pattern.compile(
            "-agentlib:.*|-agentpath:.*|-javaagent:.*|-Dcom\\.sun\\.management\\..*|-XX:[+]?StartFlightRecording.*|@.*"
                    + "|-XX:[+-]?(TieredStopAtLevel|TieredCompilation|Use\\w*GC|SharedArchiveFile|ArchiveClassesAtExit)\\b.*"
                    + "|-Xshare:.*|-Xint|-Xcomp");
    private static final List<String> OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    private OnceLauncher() {
    }

    /** The child's exit code; empty when this JVM is to run {@code once} itself. */
    public static OptionalInt runInChild() throws InterruptedException {
        List<String> launch = ProcessHandle.current().info().arguments().map(List::of).orElse(List.of());
        String classPath = System.getProperty("java.class.path");
        // the options are HotSpot's ("OpenJDK 64-Bit Server VM", "Java HotSpot(TM) ..."); OpenJ9 and
        // other JVMs run once in one JVM
        String vm = System.getProperty("java.vm.name", "");
        if (!(vm.contains("OpenJDK") || vm.contains("HotSpot")) || !wanted(launch, classPath, System.getenv())) {
            return OptionalInt.empty();
        }
        AtomicReference<Process> child = new AtomicReference<>();
        Thread stop = new Thread(() -> stop(child.get()), "stop-once-child");
        Runtime.getRuntime().addShutdownHook(stop);
        ClassDataArchive archive;
        try {
            archive = ClassDataArchive.of(Path.of(classPath), System.getProperty("java.home"),
                    System.getProperty("java.vm.version"));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(command(java, archive.jvmOptions(), launch)).inheritIO();
            builder.environment().put(SWITCH, "false"); // the child runs the monitors itself
            builder.environment().put(LAUNCHER, String.valueOf(ProcessHandle.current().pid()));
            child.set(builder.start());
        } catch (IOException e) {
            Runtime.getRuntime().removeShutdownHook(stop);
            return OptionalInt.empty(); // no child possible (no fork allowed, jar unreadable): run here
        }
        int code = child.get().waitFor();
        try {
            archive.finish(code);
        } catch (IOException e) {
            // the archive is an optimisation: this run's result stands without it
        }
        return OptionalInt.of(code);
    }

    /** Whether to start a child: from a jar, not switched off, no JVM set-up of the user's own. */
    static boolean wanted(List<String> launch, String classPath, Map<String, String> env) {
        int jar = launch.indexOf("-jar");
        if ("false".equalsIgnoreCase(OldNames.variable(env, SWITCH)) || jar < 0 || !classPath.endsWith(".jar")
                || classPath.contains(java.io.File.pathSeparator)) {
            return false;
        }
        Stream<String> fromEnv = OPTION_VARIABLES.stream().map(env::get).filter(v -> v != null && !v.isBlank())
                .flatMap(v -> Stream.of(v.trim().split("\\s+")));
        return launch.subList(0, jar).stream().allMatch(o -> HANDED_ON.matcher(o).matches())
                && fromEnv.noneMatch(o -> NOT_TWICE.matcher(o).matches());
    }

    /** The parent's own command line with the start-up options in front: its -D options and arguments stay. */
    static List<String> command(String java, List<String> archiveOptions, List<String> launch) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(OPTIONS);
        command.addAll(archiveOptions);
        command.addAll(launch);
        return command;
    }

    /**
     * In the child: the run ends as if stopped when the launcher is gone (killed with SIGKILL, by
     * the OOM killer): nobody waits for its result, and the next run must not meet it still going.
     */
    public static void endWithLauncher(Map<String, String> env) {
        String pid = env.get(LAUNCHER);
        if (pid != null) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresentOrElse(
                    launcher -> launcher.onExit().thenRun(() -> System.exit(143)), () -> System.exit(143));
        }
    }

    /** A stopped parent (SIGTERM, Ctrl-C) stops the child the same way and waits for its shutdown. */
    private static void stop(Process child) {
        if (child != null && child.isAlive()) {
            child.destroy();
            try {
                child.waitFor(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
