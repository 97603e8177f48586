package io.bactrian.testing;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.bactrian.config.ValidateCommand;

/**
 * The application as a user runs it: a separate JVM started in a folder that holds
 * application.properties, routes/ and monitors/, with {@code -D} options and a subcommand. Host names
 * resolve from the test hosts file only. Output lines are collected as they come, each with
 * the time since the process was started.
 */
public final class MonitorProcess implements AutoCloseable {
    /** The project's own configuration, as shipped. */
    public static final Path PROPERTIES = Path.of("application.properties").toAbsolutePath();
    public static final Path ROUTES = Path.of("routes").toAbsolutePath();
    /** The speed test's node list, which routes/speed-test.yaml names. */
    public static final Path NODES = Path.of("nodes").toAbsolutePath();
    /** The monitor lists ({@code monitors.files}), with the demo's own monitors. */
    public static final Path MONITORS = Path.of("monitors").toAbsolutePath();
    static final String MAIN = "io.bactrian.Bactrian";
    /** The application JVMs live seconds: the quick compiler alone and the serial collector start them on about half the CPU. */
    static final List<String> QUICK = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private static final Path HOSTS = Path.of("src/test/resources/hosts").toAbsolutePath();

    /** One line of output and when it arrived, counted from the process start. */
    public record Line(String text, Duration at) {
    }

    /** A finished process. */
    public record Result(int exitCode, List<String> stdout, List<String> stderr) {
        public String err() {
            return String.join("\n", stderr);
        }

        public String out() {
            return String.join("\n", stdout);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out() + "\n--- stderr\n" + err();
        }
    }

    private final Process process;
    private final long startedAt;
    private final List<Line> stdout = new CopyOnWriteArrayList<>();
    private final List<Line> stderr = new CopyOnWriteArrayList<>();
    private final List<Thread> readers = new ArrayList<>();

    private MonitorProcess(Process process, long startedAt) {
        this.process = process;
        this.startedAt = startedAt;
        readers.add(reader(process.getInputStream(), stdout));
        readers.add(reader(process.getErrorStream(), stderr));
    }

    /**
     * Replaces {@code routes/sites.yaml} of {@code project} by one http-status monitor 'shop' checking
     * {@code {{shop.url}}}, with the template parameters given as name, value pairs.
     */
    public static void writeShopMonitor(Path project, String... parameters) throws IOException {
        StringBuilder yaml = new StringBuilder("""
                - templatedRoute:
                    routeTemplateRef: "http-status"
                    routeId: "shop"
                    parameters:
                      - { name: "url", value: "{{shop.url}}" }
                """);
        for (int i = 0; i < parameters.length; i += 2) {
            yaml.append("      - { name: \"").append(parameters[i]).append("\", value: \"").append(parameters[i + 1])
                    .append("\" }\n");
        }
        Files.writeString(project.resolve("routes/sites.yaml"), yaml);
    }

    /** Copies the shipped application.properties, routes/, monitors/ and nodes/ into {@code dir}; returns {@code dir}. */
    public static Path copyProject(Path dir) throws IOException {
        Files.copy(PROPERTIES, dir.resolve("application.properties"));
        for (Path folder : List.of(ROUTES, MONITORS, NODES)) {
            Path copy = Files.createDirectories(dir.resolve(folder.getFileName()));
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, copy.resolve(file.getFileName()));
                }
            }
        }
        return dir;
    }

    /** Appends {@code key = value} to the folder's application.properties; the last one wins. */
    /** {@code validate} run in this JVM on a project copy: the exit code, a newline, then what it printed. */
    public static String validate(Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ValidateCommand.run(new String[] {dir.resolve("application.properties").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return code + "\n" + out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    public static void setProperty(Path dir, String key, String value) throws IOException {
        Files.writeString(dir.resolve("application.properties"), "\n" + key + " = " + value + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** Rewrites a file of the folder, e.g. {@code routes/demo-site.yaml}, failing if nothing changed. */
    public static void edit(Path dir, String file, UnaryOperator<String> change) throws IOException {
        Path path = dir.resolve(file);
        String before = Files.readString(path);
        String after = change.apply(before);
        if (after.equals(before)) {
            throw new IllegalStateException("the edit left " + file + " unchanged");
        }
        Files.writeString(path, after);
    }

    /** The same, for a static field's initialiser. */
    public static int freePortUnchecked() {
        try {
            return freePort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A loopback port free right now, for {@code -Dcamel.server.port}. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Starts {@code java <jvmOptions> io.bactrian.Bactrian <args>} in {@code dir}. */
    public static MonitorProcess start(Path dir, List<String> jvmOptions, String... args) throws IOException {
        return start(dir, jvmOptions, java.util.Map.of(), args);
    }

    /** The same, with extra environment variables (overrides, as users set them). */
    public static MonitorProcess start(Path dir, List<String> jvmOptions, java.util.Map<String, String> env,
                                       String... args) throws IOException {
        List<String> what = new ArrayList<>(QUICK);
        what.addAll(ChildClassData.classpathAndOptions());
        what.add(MAIN);
        return launch(dir, jvmOptions, what, env, args);
    }

    /** Another launcher of the same routes, e.g. Camel JBang's runtime, with its own classpath. */
    public static MonitorProcess start(Path dir, String classpath, String mainClass, List<String> jvmOptions,
                                       java.util.Map<String, String> env, String... args) throws IOException {
        List<String> what = new ArrayList<>(QUICK);
        what.addAll(List.of("-cp", classpath, mainClass));
        return launch(dir, jvmOptions, what, env, args);
    }

    /** {@code java <jvmOptions> -jar <jar> <args>}, as the README starts the built jar. */
    public static MonitorProcess startJar(Path dir, Path jar, List<String> jvmOptions, java.util.Map<String, String> env,
                                          String... args) throws IOException {
        return launch(dir, jvmOptions, List.of("-jar", jar.toString()), env, args);
    }

    /** The same, run to its end, killed after {@code timeout}. */
    public static Result runJar(Path dir, Path jar, Duration timeout, List<String> jvmOptions,
                                java.util.Map<String, String> env, String... args) throws Exception {
        try (MonitorProcess p = startJar(dir, jar, jvmOptions, env, args)) {
            return p.await(timeout);
        }
    }

    static MonitorProcess launch(Path dir, List<String> jvmOptions, List<String> what,
                                         java.util.Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Djdk.net.hosts.file=" + HOSTS);
        command.addAll(jvmOptions);
        command.addAll(what);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(env);
        long startedAt = System.nanoTime();
        return new MonitorProcess(builder.start(), startedAt);
    }

    /**
     * Starts {@code run} in {@code dir} and waits, bounded, until its routes run, so that what a test
     * waits for next does not include the JVM's start-up.
     */
    public static MonitorProcess startRunning(Path dir, List<String> jvmOptions) throws IOException, InterruptedException {
        MonitorProcess app = start(dir, jvmOptions, "run");
        if (app.awaitStdout(l -> l.contains("(bactrian) started in"), Duration.ofSeconds(180)).isEmpty()) {
            app.close();
            throw new AssertionError("not started:\n" + app.stdoutText());
        }
        return app;
    }

    /** Runs a command to its end, killing it after {@code timeout}. */
    public static Result run(Path dir, Duration timeout, List<String> jvmOptions, String... args) throws Exception {
        return run(dir, timeout, jvmOptions, java.util.Map.of(), args);
    }

    public static Result run(Path dir, Duration timeout, List<String> jvmOptions, java.util.Map<String, String> env,
                             String... args) throws Exception {
        try (MonitorProcess p = start(dir, jvmOptions, env, args)) {
            return p.await(timeout);
        }
    }

    /** Waits for the end and returns what it printed, or throws if it still runs after {@code timeout}. */
    public Result await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout + ": " + result(-1));
        }
        return result(process.exitValue());
    }

    public static Result run(Path dir, String... args) throws Exception {
        return run(dir, Duration.ofSeconds(60), List.of(), args);
    }

    /** The first stdout line matching {@code test}, waiting at most until {@code limit} after the start. */
    public Optional<Line> awaitStdout(Predicate<String> test, Duration limit) throws InterruptedException {
        while (true) {
            Optional<Line> line = stdout.stream().filter(l -> test.test(l.text())).findFirst();
            if (line.isPresent() || !process.isAlive() && readersDone() || elapsed().compareTo(limit) >= 0) {
                return line.isPresent() ? line : stdout.stream().filter(l -> test.test(l.text())).findFirst();
            }
            Thread.sleep(50);
        }
    }

    /** Sends SIGTERM and waits; returns the exit code, or throws if it is still running after {@code timeout}. */
    public int stop(Duration timeout) throws InterruptedException {
        process.toHandle().destroy(); // SIGTERM; Process.destroy would also close the output streams
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running " + timeout + " after SIGTERM");
        }
        joinReaders();
        return process.exitValue();
    }

    /** The process id; a clustered instance's Quartz instance id holds it. */
    public long pid() {
        return process.pid();
    }

    /** The processes it started, e.g. the JVM {@code once} runs in. */
    public List<ProcessHandle> children() {
        return process.children().toList();
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    public List<Line> stdout() {
        return List.copyOf(stdout);
    }

    public List<Line> stderr() {
        return List.copyOf(stderr);
    }

    public String stdoutText() {
        return String.join("\n", stdout.stream().map(Line::text).toList());
    }

    private Result result(int exitCode) throws InterruptedException {
        if (exitCode >= 0) {
            joinReaders();
        }
        return new Result(exitCode, stdout.stream().map(Line::text).toList(), stderr.stream().map(Line::text).toList());
    }

    private boolean readersDone() {
        return readers.stream().noneMatch(Thread::isAlive);
    }

    private void joinReaders() throws InterruptedException {
        for (Thread reader : readers) {
            reader.join(5000);
        }
    }

    private Thread reader(InputStream in, List<Line> lines) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(new Line(line, elapsed()));
                }
            } catch (IOException closed) {
                // the process was killed
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Kills the process if it still runs, and its children. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(15, TimeUnit.SECONDS);
        }
    }
}
