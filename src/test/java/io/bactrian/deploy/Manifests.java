package io.bactrian.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The Kubernetes and Camel K resources under deploy/, each document with the file it is in. */
final class Manifests {
    static final Path DEPLOY = Path.of("deploy");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    record Manifest(Path file, JsonNode doc) {
        String kind() {
            return doc.path("kind").asText();
        }

        String name() {
            return doc.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return file + ": " + kind() + " " + name();
        }
    }

    private Manifests() {
    }

    /** Every YAML document a user applies: all of deploy/. */
    static List<Manifest> all() throws IOException {
        List<Manifest> manifests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                manifests.addAll(read(file));
            }
        }
        return manifests;
    }

    static List<Manifest> read(Path file) throws IOException {
        List<Manifest> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(new Manifest(file, doc));
                }
            }
        }
        return docs;
    }

    static Manifest find(List<Manifest> manifests, String kind, String name) {
        return manifests.stream().filter(m -> m.kind().equals(kind) && m.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no " + kind + " " + name + " under deploy/"));
    }
}
