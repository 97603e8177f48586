package io.bactrian.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.bactrian.deploy.Manifests.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What deploy/ holds is what a cluster accepts and what the jar runs: every resource is valid
 * against the Kubernetes 1.32 schemas or the Camel K 2.10 Integration CRD kept in
 * src/test/resources/schemas/, the ConfigMaps carry routes/, monitors/, application.properties and nodes/ byte for
 * byte, and every name a workload refers to exists.
 */
class DeployManifestsTest {
    private static final Path SCHEMAS = Path.of("src/test/resources/schemas");
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private static final Map<String, String> KUBERNETES = Map.of(
            "v1/ConfigMap", "configmap-v1.json",
            "v1/Secret", "secret-v1.json",
            "v1/Service", "service-v1.json",
            "v1/PersistentVolumeClaim", "persistentvolumeclaim-v1.json",
            "apps/v1/Deployment", "deployment-apps-v1.json",
            "batch/v1/CronJob", "cronjob-batch-v1.json");

    @TempDir
    Path tmp;

    private final Map<String, JsonSchema> schemas = new TreeMap<>();

    private JsonSchema schemaFor(JsonNode doc) throws IOException {
        String type = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
        if (!schemas.containsKey(type)) {
            JsonNode schema;
            if (type.equals("camel.apache.org/v1/Integration")) {
                schema = crdSchema(SCHEMAS.resolve("camel-k-v2.10.1/camel.apache.org_integrations.yaml"), "v1");
            } else if (KUBERNETES.containsKey(type)) {
                ObjectNode node = (ObjectNode) Manifests.YAML.readTree(
                        SCHEMAS.resolve("kubernetes-v1.32.1").resolve(KUBERNETES.get(type)).toFile());
                node.remove("$schema"); // "http://json-schema.org/schema#": draft 4 as openapi2jsonschema writes it
                schema = node;
            } else {
                return null;
            }
            schemas.put(type, FACTORY.getSchema(schema));
        }
        return schemas.get(type);
    }

    /**
     * A CRD version's openAPIV3Schema as a strict JSON schema, as kubeconform's
     * openapi2jsonschema makes it: unknown fields are errors (the API server would drop them
     * silently), int-or-string and nullable spelled out, apiVersion and kind fixed.
     */
    static JsonNode crdSchema(Path crd, String version) throws IOException {
        JsonNode spec = Manifests.YAML.readTree(crd.toFile()).path("spec");
        for (JsonNode v : spec.path("versions")) {
            if (v.path("name").asText().equals(version)) {
                ObjectNode schema = strict(v.path("schema").path("openAPIV3Schema").deepCopy());
                String apiVersion = spec.path("group").asText() + "/" + version;
                ((ObjectNode) schema.path("properties").path("apiVersion")).set("enum",
                        JsonNodeFactory.instance.arrayNode().add(apiVersion));
                ((ObjectNode) schema.path("properties").path("kind")).set("enum",
                        JsonNodeFactory.instance.arrayNode().add(spec.path("names").path("kind").asText()));
                schema.set("required", JsonNodeFactory.instance.arrayNode().add("apiVersion").add("kind"));
                return schema;
            }
        }
        throw new IllegalArgumentException(crd + " has no version " + version);
    }

    private static ObjectNode strict(ObjectNode node) {
        if (node.path("x-kubernetes-int-or-string").asBoolean()) {
            ArrayNode anyOf = node.putArray("anyOf");
            anyOf.addObject().put("type", "integer");
            anyOf.addObject().put("type", "string");
        }
        if (node.path("nullable").asBoolean() && node.has("type")) {
            JsonNode type = node.get("type");
            node.putArray("type").add(type).add("null");
        }
        if (node.has("properties") && !node.has("additionalProperties")
                && !node.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
            node.put("additionalProperties", false);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("properties")) {
                field.getValue().fields().forEachRemaining(p -> strict((ObjectNode) p.getValue()));
            } else if (field.getValue().isObject() && !field.getKey().equals("enum")) {
                strict((ObjectNode) field.getValue());
            } else if (field.getValue().isArray() && !field.getKey().equals("enum")) {
                field.getValue().forEach(item -> {
                    if (item.isObject()) {
                        strict((ObjectNode) item);
                    }
                });
            }
        }
        return node;
    }

    private List<String> problems(Manifest manifest) throws IOException {
        JsonSchema schema = schemaFor(manifest.doc());
        if (schema == null) {
            return List.of(manifest + ": no schema for apiVersion " + manifest.doc().path("apiVersion").asText()
                    + " kind " + manifest.kind() + " in " + SCHEMAS);
        }
        List<String> problems = new ArrayList<>();
        for (ValidationMessage m : schema.validate(manifest.doc())) {
            problems.add(manifest + ": " + m.getMessage());
        }
        return problems;
    }

    @Test
    void everyManifestIsValidAgainstItsSchema() throws IOException {
        List<Manifest> manifests = Manifests.all();
        List<String> problems = new ArrayList<>();
        for (Manifest manifest : manifests) {
            problems.addAll(problems(manifest));
        }
        assertEquals(List.of(), problems);
        Set<String> kinds = new TreeSet<>();
        manifests.forEach(m -> kinds.add(m.kind()));
        assertEquals(Set.of("ConfigMap", "CronJob", "Deployment", "Integration", "PersistentVolumeClaim", "Secret",
                "Service"), kinds);
    }

    @Test
    void theSchemasRejectMistypedFields() throws IOException {
        Manifest deployment = Manifests.find(Manifests.all(), "Deployment", "bactrian");
        ObjectNode container = (ObjectNode) deployment.doc().deepCopy().path("spec").path("template").path("spec")
                .path("containers").get(0);
        JsonNode broken = deployment.doc().deepCopy();
        ObjectNode brokenContainer = (ObjectNode) broken.path("spec").path("template").path("spec")
                .path("containers").get(0);
        brokenContainer.set("readinessprobe", container.get("readinessProbe"));
        brokenContainer.remove("readinessProbe");
        assertTrue(problems(new Manifest(deployment.file(), broken)).stream().anyMatch(p -> p.contains("readinessprobe")),
                "a misspelt field of a Deployment is an error");

        Manifest integration = Manifests.find(Manifests.all(), "Integration", "bactrian");
        JsonNode brokenIntegration = integration.doc().deepCopy();
        ObjectNode mount = (ObjectNode) brokenIntegration.path("spec").path("traits").path("mount");
        mount.set("resource", mount.remove("resources"));
        ObjectNode health = (ObjectNode) brokenIntegration.path("spec").path("traits").path("health");
        health.put("livenessPort", "eighty");
        List<String> integrationProblems = problems(new Manifest(integration.file(), brokenIntegration));
        assertTrue(integrationProblems.stream().anyMatch(p -> p.contains("resource")), integrationProblems.toString());
        assertTrue(integrationProblems.stream().anyMatch(p -> p.contains("livenessPort")), integrationProblems.toString());
    }

    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return files;
    }

    private static Map<String, String> data(List<Manifest> manifests, String configMap) {
        Map<String, String> data = new TreeMap<>();
        Manifests.find(manifests, "ConfigMap", configMap).doc().path("data").fields()
                .forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
        return data;
    }

    @Test
    void theConfigMapsCarryTheFilesTheJarRuns() throws IOException {
        List<Manifest> manifests = Manifests.all();
        assertEquals(files(Path.of("routes")), data(manifests, "bactrian-routes"));
        assertEquals(files(Path.of("monitors")), data(manifests, "bactrian-monitors"));
        assertEquals(Map.of("application.properties", Files.readString(Path.of("application.properties"))),
                data(manifests, "bactrian-config"));
        assertEquals(Map.of("channels.properties", Files.readString(Path.of("channels.properties"))),
                data(manifests, "bactrian-channels"));
        assertEquals(files(Path.of("nodes")), data(manifests, "bactrian-nodes"));
    }

    @Test
    void theCommittedConfigMapsAreWhatTheScriptWrites() throws Exception {
        Path out = tmp.resolve("config.yaml");
        Process script = new ProcessBuilder("bash", "deploy/generate.sh", out.toString()).redirectErrorStream(true)
                .start();
        String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(script.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, script.exitValue(), output);
        assertEquals(Files.readString(out), Files.readString(Manifests.DEPLOY.resolve("kubernetes/config/config.yaml")),
                "deploy/kubernetes/config/config.yaml is out of date: run deploy/generate.sh");
    }

    @Test
    void theScriptRefusesAFileItCannotCarryExactly() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("project"));
        Files.createDirectories(project.resolve("deploy/kubernetes/config"));
        Files.copy(Path.of("deploy/generate.sh"), project.resolve("deploy/generate.sh"));
        Files.copy(Path.of("application.properties"), project.resolve("application.properties"));
        Files.createDirectories(project.resolve("nodes"));
        Files.writeString(project.resolve("nodes/local.yaml"), "- name: local\n");
        Files.createDirectories(project.resolve("monitors"));
        Files.writeString(project.resolve("monitors/demo.yaml"), "monitors: []\n");
        Files.createDirectories(project.resolve("routes"));
        Files.writeString(project.resolve("routes/shop.yaml"), "- route:\n    id: \"shop\"\n\n\n"); // two blank lines at the end
        Process script = new ProcessBuilder("bash", "deploy/generate.sh").directory(project.toFile())
                .redirectErrorStream(true).start();
        String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(script.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, script.exitValue(), output);
        assertTrue(output.contains("routes/shop.yaml: must end with exactly one newline"), output);
        assertTrue(Files.notExists(project.resolve("deploy/kubernetes/config/config.yaml")), "nothing half written");
    }

    /** The pod specs of the Deployments and the CronJob, and what they refer to by name. */
    @Test
    void everyNameAWorkloadUsesExists() throws IOException {
        List<Manifest> manifests = Manifests.all();
        List<String> missing = new ArrayList<>();
        for (Manifest m : manifests) {
            JsonNode pod = switch (m.kind()) {
                case "Deployment" -> m.doc().path("spec").path("template");
                case "CronJob" -> m.doc().path("spec").path("jobTemplate").path("spec").path("template");
                default -> null;
            };
            if (pod == null) {
                continue;
            }
            for (JsonNode volume : pod.path("spec").path("volumes")) {
                check(manifests, m, "ConfigMap", volume.path("configMap").path("name"), missing);
                check(manifests, m, "PersistentVolumeClaim", volume.path("persistentVolumeClaim").path("claimName"), missing);
            }
            for (JsonNode container : pod.path("spec").path("containers")) {
                for (JsonNode from : container.path("envFrom")) {
                    check(manifests, m, "Secret", from.path("secretRef").path("name"), missing);
                }
            }
            if (m.kind().equals("Deployment")) {
                JsonNode labels = pod.path("metadata").path("labels");
                assertEquals(labels, m.doc().path("spec").path("selector").path("matchLabels"), m + ": selector");
            }
        }
        for (Manifest service : manifests.stream().filter(m -> m.kind().equals("Service")).toList()) {
            JsonNode selector = service.doc().path("spec").path("selector");
            boolean selects = manifests.stream().filter(m -> m.kind().equals("Deployment")).anyMatch(d ->
                    d.doc().path("spec").path("template").path("metadata").path("labels").equals(selector));
            assertTrue(selects, service + " selects no Deployment's pods");
        }
        for (Manifest integration : manifests.stream().filter(m -> m.kind().equals("Integration")).toList()) {
            for (JsonNode resource : integration.doc().path("spec").path("traits").path("mount").path("resources")) {
                String ref = resource.asText(); // configmap:name[/key][@path]
                String name = ref.substring(ref.indexOf(':') + 1).split("[/@]")[0];
                check(manifests, integration, "ConfigMap", JsonNodeFactory.instance.textNode(name), missing);
            }
            for (JsonNode var : integration.doc().path("spec").path("traits").path("environment").path("vars")) {
                String value = var.asText().substring(var.asText().indexOf('=') + 1);
                if (value.startsWith("secret:")) {
                    check(manifests, integration, "Secret",
                            JsonNodeFactory.instance.textNode(value.substring(7).split("/")[0]), missing);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    private static void check(List<Manifest> manifests, Manifest from, String kind, JsonNode name, List<String> missing) {
        if (name.isMissingNode()) {
            return;
        }
        if (manifests.stream().noneMatch(m -> m.kind().equals(kind) && m.name().equals(name.asText()))) {
            missing.add(from + " refers to " + kind + " " + name.asText() + ", which is not under deploy/");
        }
    }
}
