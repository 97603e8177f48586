package io.bactrian.config;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/** Route files as trees, read by camel-yaml-dsl's own parser, and the YAML DSL schema they are checked against. */
final class RouteYaml {
    /** camel-yaml-dsl's own parser: start-up reads the route files without loading a second one. */
    private static final LoadSettings YAML = LoadSettings.builder().build();
    private static JsonSchema schema;

    private RouteYaml() {
    }

    /** The first YAML document of a file as a tree (as Jackson's readTree gave it); null for an empty file. */
    static JsonNode read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Iterator<Object> documents = new Load(YAML).loadAllFromInputStream(in).iterator();
            return documents.hasNext() ? tree(documents.next()) : null;
        }
    }

    private static JsonNode tree(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = nodes.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), tree(v)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = nodes.arrayNode();
            list.forEach(v -> array.add(tree(v)));
            return array;
        }
        if (value == null) {
            return nodes.nullNode();
        }
        if (value instanceof Boolean b) {
            return nodes.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return nodes.numberNode(i);
        }
        if (value instanceof Long l) {
            return nodes.numberNode(l);
        }
        if (value instanceof BigInteger b) {
            return nodes.numberNode(b);
        }
        if (value instanceof Double d) {
            return nodes.numberNode(d);
        }
        return nodes.textNode(String.valueOf(value));
    }

    /** The parser's message on one line, as every problem is: snakeyaml's spans several with a code excerpt. */
    static String yamlError(MarkedYamlEngineException e) {
        String problem = e.getProblem() + at(e.getProblemMark());
        return e.getContext() == null ? problem : e.getContext() + at(e.getContextMark()) + ": " + problem;
    }

    private static String at(Optional<Mark> mark) {
        return mark.map(m -> " (line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1) + ")").orElse("");
    }

    static synchronized JsonSchema schema() throws IOException {
        if (schema == null) {
            try (InputStream in = RouteYaml.class.getResourceAsStream("/schema/camelYamlDsl.json")) {
                schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
            }
        }
        return schema;
    }
}
