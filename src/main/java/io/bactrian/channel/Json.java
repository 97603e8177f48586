package io.bactrian.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** Request bodies out, service answers in. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON", e);
        }
    }

    /** A missing node for anything that is not JSON, so callers need no try. */
    public static JsonNode read(String text) {
        try {
            JsonNode node = text == null ? null : MAPPER.readTree(text);
            return node == null ? MissingNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    /** The inside of a JSON string literal, for text placed into a user's JSON template. */
    public static String escape(String text) {
        String quoted = write(text == null ? "" : text);
        return quoted.substring(1, quoted.length() - 1);
    }
}
