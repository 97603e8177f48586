package io.camelmonitor.oneshot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs {@code java -jar camel-monitor.jar once} in a child JVM started with the options a run of
 * seconds wants, which a jar cannot set for the JVM that opened it: only the quick JIT compiler
 * (on two cores the optimizing one takes CPU from start-up and never pays it back), a one-thread
 * garbage collector, and the class-data archive beside the jar. The parent only waits, passes
 * the exit code on and stops the child when it is stopped itself. No child when the user chose
 * any of these options, when {@code CAMEL_MONITOR_FAST_START=false}, or when not started from a
 * jar.
 */
public final class OnceLauncher {
    static final String SWITCH = "CAMEL_MONITOR_FAST_START";
    static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private static final Pattern USERS_OWN = Pattern.compile(
            "-XX:[+-]?(TieredStopAtLevel|TieredCompilation|Use\\w*GC|SharedArchiveFile|ArchiveClassesAtExit)\\b.*"
                    + "|-Xshare:.*|-Xint|-Xcomp");
    private static final List<String> OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    private OnceLauncher() {
    }

    /** The child's exit code; empty when this JVM is to run {@code once} itself. */
    public static OptionalInt runInChild() throws InterruptedException {
        List<String> launch = ProcessHandle.current().info().arguments().map(List::of).orElse(List.of());
        String classPath = System.getProperty("java.class.path");
        if (!wanted(launch, classPath, System.getenv())) {
            return OptionalInt.empty();
        }
        Process child;
        ClassDataArchive archive;
        try {
            archive = ClassDataArchive.of(Path.of(classPath), System.getProperty("java.home"),
                    System.getProperty("java.vm.version"));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(command(java, archive.jvmOptions(), launch)).inheritIO();
            builder.environment().put(SWITCH, "false"); // the child runs the monitors itself
            child = builder.start();
        } catch (IOException e) {
            return OptionalInt.empty(); // no child possible (no fork allowed, jar unreadable): run here
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(child), "stop-once-child"));
        int code = child.waitFor();
        try {
            archive.finish(code <= 2);
        } catch (IOException e) {
            // the archive is an optimisation: this run's result stands without it
        }
        return OptionalInt.of(code);
    }

    /** Whether to start a child: from a jar, not switched off, none of its options chosen already. */
    static boolean wanted(List<String> launch, String classPath, Map<String, String> env) {
        int jar = launch.indexOf("-jar");
        if ("false".equalsIgnoreCase(env.get(SWITCH)) || jar < 0 || !classPath.endsWith(".jar")
                || classPath.contains(java.io.File.pathSeparator)) {
            return false;
        }
        Stream<String> fromEnv = OPTION_VARIABLES.stream().map(env::get).filter(v -> v != null)
                .flatMap(v -> Stream.of(v.trim().split("\\s+")));
        return Stream.concat(launch.subList(0, jar).stream(), fromEnv).noneMatch(o -> USERS_OWN.matcher(o).matches());
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

    /** A stopped parent (SIGTERM, Ctrl-C) stops the child the same way and waits for its shutdown. */
    private static void stop(Process child) {
        if (child.isAlive()) {
            child.destroy();
            try {
                child.waitFor(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
