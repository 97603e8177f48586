package io.bactrian.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bactrian.deploy.Manifests.Manifest;
import io.bactrian.testing.Await;
import io.bactrian.testing.MonitorProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pods of deploy/kubernetes as a cluster would run them: the image laid out as the
 * Dockerfile builds it, the ConfigMaps and volumes mounted where the pod spec says, the
 * container's environment and command, and the probes asked on their paths. (The jar is the
 * one under test; the server listens on a free loopback port instead of 8080.)
 */
class ContainerRunTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path tmp;

    private List<Manifest> manifests;
    private Dockerfile image;

    /** What the Dockerfile says about the image, read from its instructions. */
    record Dockerfile(String workdir, Map<String, String> env, List<String> entrypoint, List<String> cmd,
                      Map<Path, String> copies) {
        static Dockerfile read(Path file) throws IOException {
            String workdir = "/";
            Map<String, String> env = new LinkedHashMap<>();
            List<String> entrypoint = List.of();
            List<String> cmd = List.of();
            Map<Path, String> copies = new LinkedHashMap<>();
            ObjectMapper json = new ObjectMapper();
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split("\\s+", 2);
                String rest = parts.length > 1 ? parts[1] : "";
                switch (parts[0]) {
                    case "WORKDIR" -> workdir = rest;
                    case "ENV" -> env.put(rest.substring(0, rest.indexOf('=')), rest.substring(rest.indexOf('=') + 1));
                    case "ENTRYPOINT" -> entrypoint = List.of(json.readValue(rest, String[].class));
                    case "CMD" -> cmd = List.of(json.readValue(rest, String[].class));
                    case "COPY" -> {
                        String[] args = rest.split("\\s+");
                        String dest = args[args.length - 1];
                        for (int i = 0; i < args.length - 1; i++) {
                            copies.put(Path.of(args[i]), dest);
                        }
                    }
                    default -> {
                        // FROM, RUN, USER, EXPOSE change nothing the pod test looks at
                    }
                }
            }
            return new Dockerfile(workdir, env, entrypoint, cmd, copies);
        }
    }

    @BeforeEach
    void read() throws IOException {
        manifests = Manifests.all();
        image = Dockerfile.read(Path.of("Dockerfile"));
    }

    /** The image's working directory with what the Dockerfile copies into it, at {@code root}. */
    private Path layOutImage(Path root) throws IOException {
        Path app = Files.createDirectories(root.resolve(image.workdir().substring(1)));
        for (Map.Entry<Path, String> copy : image.copies().entrySet()) {
            Path source = copy.getKey();
            Path target = app.resolve(copy.getValue());
            if (source.equals(Path.of("target/bactrian.jar"))) {
                continue; // the classes under test stand for the jar
            }
            if (Files.isDirectory(source)) {
                Files.createDirectories(target);
                try (Stream<Path> files = Files.list(source)) {
                    for (Path file : files.toList()) {
                        Files.copy(file, target.resolve(file.getFileName()));
                    }
                }
            } else {
                Files.copy(source, target.resolve(source.getFileName()));
            }
        }
        return app;
    }

    private Map<String, String> configMap(String name) {
        Map<String, String> data = new LinkedHashMap<>();
        Manifests.find(manifests, "ConfigMap", name).doc().path("data").fields()
                .forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
        return data;
    }

    /** Mounts the pod's volumes over the image: a mount hides what the image has at its path. */
    private void mount(JsonNode podSpec, JsonNode container, Path root) throws IOException {
        for (JsonNode mount : container.path("volumeMounts")) {
            JsonNode volume = null;
            for (JsonNode v : podSpec.path("volumes")) {
                if (v.path("name").equals(mount.path("name"))) {
                    volume = v;
                }
            }
            assertTrue(volume != null, "volume " + mount.path("name"));
            String mountPath = mount.path("mountPath").asText();
            assertTrue(mountPath.startsWith(image.workdir() + "/"), mountPath + " is inside " + image.workdir());
            Path target = root.resolve(mountPath.substring(1));
            delete(target);
            if (volume.has("configMap")) {
                Map<String, String> data = configMap(volume.path("configMap").path("name").asText());
                if (mount.has("subPath")) {
                    Files.writeString(target, data.get(mount.path("subPath").asText()));
                } else {
                    Files.createDirectories(target);
                    for (Map.Entry<String, String> file : data.entrySet()) {
                        Files.writeString(target.resolve(file.getKey()), file.getValue());
                    }
                }
            } else {
                Files.createDirectories(target); // an empty PersistentVolumeClaim or emptyDir
            }
        }
    }

    private static void delete(Path path) throws IOException {
        if (Files.exists(path)) {
            try (Stream<Path> all = Files.walk(path)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** A started container of a Deployment, and the port its probes reach. */
    private record Pod(MonitorProcess process, int port, JsonNode container) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.close();
        }
    }

    private static JsonNode onlyContainer(JsonNode podSpec) {
        assertEquals(1, podSpec.path("containers").size());
        return podSpec.path("containers").get(0);
    }

    /**
     * The container's command, as Kubernetes makes it from the image: the ENTRYPOINT, then the
     * container's args or else the CMD; returned as the jar's arguments.
     */
    private List<String> jarArguments(JsonNode container) {
        assertTrue(container.path("command").isMissingNode(), "the image's entrypoint runs");
        List<String> entrypoint = image.entrypoint();
        int jar = entrypoint.indexOf("-jar");
        assertEquals("java", entrypoint.get(0));
        assertEquals(image.workdir() + "/bactrian.jar", entrypoint.get(jar + 1));
        assertEquals(image.workdir() + "/", image.copies().get(Path.of("target/bactrian.jar")).replace("./",
                image.workdir() + "/"), "the Dockerfile copies the jar to the path the entrypoint runs");
        List<String> args = new ArrayList<>();
        container.path("args").forEach(a -> args.add(a.asText()));
        return args.isEmpty() ? image.cmd() : args;
    }

    private Map<String, String> environment(JsonNode container, Map<String, String> secret, int port) {
        Map<String, String> env = new LinkedHashMap<>(image.env());
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        env.putAll(secret);
        assertEquals("0.0.0.0", env.get("CAMEL_SERVER_HOST"), "reachable from outside the pod");
        // tests listen on loopback and a free port only; set the way a container sets them
        env.put("CAMEL_SERVER_HOST", "127.0.0.1");
        env.put("CAMEL_SERVER_PORT", String.valueOf(port));
        return env;
    }

    private Pod start(String deployment, Map<String, String> secret) throws Exception {
        JsonNode podSpec = Manifests.find(manifests, "Deployment", deployment).doc().path("spec").path("template")
                .path("spec");
        JsonNode container = onlyContainer(podSpec);
        Path root = Files.createDirectories(tmp.resolve(deployment));
        Path app = layOutImage(root);
        mount(podSpec, container, root);
        // the probes reach the container port the server listens on by default
        assertEquals(8080, container.path("ports").get(0).path("containerPort").asInt());
        assertTrue(configMap("bactrian-config").get("application.properties")
                .contains("\ncamel.server.port = 8080\n"));
        int port = MonitorProcess.freePort();
        List<String> jvm = new ArrayList<>(image.entrypoint().subList(1, image.entrypoint().indexOf("-jar")));
        MonitorProcess process = MonitorProcess.start(app, jvm, environment(container, secret, port),
                jarArguments(container).toArray(String[]::new));
        return new Pod(process, port, container);
    }

    private static HttpResponse<String> get(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Waits until every probe of the container (startup, liveness, readiness) answers 200. */
    private static void awaitProbes(Pod pod) throws InterruptedException {
        try {
            awaitEachProbe(pod);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- stdout\n" + pod.process().stdoutText() + "\n--- stderr\n"
                    + String.join("\n", pod.process().stderr().stream().map(MonitorProcess.Line::text).toList()), e);
        }
    }

    private static void awaitEachProbe(Pod pod) throws InterruptedException {
        List<String> paths = new ArrayList<>();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            JsonNode get = pod.container().path(probe).path("httpGet");
            assertEquals("http", get.path("port").asText(), probe + " asks the http port");
            paths.add(get.path("path").asText());
        }
        assertEquals(List.of("/observe/health/live", "/observe/health/live", "/observe/health/ready"), paths);
        for (String path : paths) {
            Await.until(path + " answering 200", 120_000, () -> {
                HttpResponse<String> response = get(pod.port(), path);
                return response != null && response.statusCode() == 200;
            });
        }
    }

    @Test
    void theMonitorPodStartsFromItsConfigMapsAndGetsReady() throws Exception {
        try (Pod pod = start("bactrian", Map.of())) {
            awaitProbes(pod);
            // the monitors of the routes ConfigMap run and record their checks
            Await.until("the demo monitor's first check", 60_000, () -> {
                HttpResponse<String> monitors = get(pod.port(), "/api/monitors");
                return monitors != null && monitors.statusCode() == 200 && monitors.body().contains("\"demo-site\"");
            });
        }
    }

    @Test
    void theNodePodServesOnlyTheProbeApiWithTheTokenFromTheSecret() throws Exception {
        try (Pod pod = start("bactrian-node", Map.of("PROBE_API_TOKEN", "s3cret-node-token"))) {
            awaitProbes(pod);
            HttpRequest.Builder probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pod.port() + "/api/probe"))
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"http://127.0.0.1:9/\"}"));
            assertEquals(401, HTTP.send(probe.build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpResponse<String> withToken = HTTP.send(probe.header("Authorization", "Bearer s3cret-node-token").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, withToken.statusCode(), "token accepted, loopback target refused: " + withToken.body());
            assertEquals(404, get(pod.port(), "/demo/health").statusCode(), "no demo target, no monitors on a node");
            assertTrue(!pod.process().stdoutText().contains("s3cret-node-token"), "the token is not logged");
        }
    }

    @Test
    void theCronJobRunsEachMonitorOnceAndExits() throws Exception {
        JsonNode podSpec = Manifests.find(manifests, "CronJob", "bactrian-once").doc().path("spec")
                .path("jobTemplate").path("spec").path("template").path("spec");
        JsonNode container = onlyContainer(podSpec);
        Path root = Files.createDirectories(tmp.resolve("once"));
        Path app = layOutImage(root);
        mount(podSpec, container, root);
        List<String> args = jarArguments(container);
        assertEquals("once", args.get(0));
        int port = MonitorProcess.freePort();
        List<String> jvm = new ArrayList<>(image.entrypoint().subList(1, image.entrypoint().indexOf("-jar")));
        MonitorProcess.Result run = MonitorProcess.run(app, Duration.ofSeconds(120), jvm,
                environment(container, Map.of(), port), args.toArray(String[]::new));
        assertTrue(run.exitCode() == 0 || run.exitCode() == 1, "a result, not a configuration error: " + run);
        assertTrue(run.err().contains("Picked up JDK_JAVA_OPTIONS: -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"),
                "a run of seconds gets the quick start-up options: " + run);
        assertTrue(run.stdout().stream().anyMatch(l -> l.startsWith("demo-site ")), run.toString());
        assertTrue(run.stdout().stream().anyMatch(l -> l.startsWith("speed-demo ")), run.toString());
        // the alert state lives in the database file of the history (cm_alert_state)
        assertTrue(Files.isRegularFile(app.resolve("data/history/history.mv.db")), "alert state kept on the data volume");
    }
}
