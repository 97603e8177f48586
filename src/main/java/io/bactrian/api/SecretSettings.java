package io.bactrian.api;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bactrian.monitor.Monitor;
import org.apache.camel.CamelContext;
import org.apache.camel.CatalogCamelContext;

/**
 * The monitor settings the API never shows: those a kind's step marks secret (a database
 * password, a cloud API key), and any whose name says it is one (password, secret, token,
 * api-key), whatever the kind.
 */
final class SecretSettings {
    private static final Pattern NAMED = Pattern.compile(
            "(.*-)?(password|passphrase|secret|token)(-.*)?|(.*-)?(api|access|private|secret)-key");
    private final CamelContext context;
    private volatile Set<String> marked;

    SecretSettings(CamelContext context) {
        this.context = context;
    }

    boolean secret(String key) {
        return NAMED.matcher(key).matches() || marked().contains(key);
    }

    /** The options marked secret in the components' metadata, read once the routes made them. */
    private Set<String> marked() {
        Set<String> names = marked;
        if (names == null) {
            names = new TreeSet<>();
            ObjectMapper json = new ObjectMapper();
            for (String component : context.getComponentNames()) {
                try {
                    String schema = context instanceof CatalogCamelContext catalog
                            ? catalog.getComponentParameterJsonSchema(component) : null;
                    if (schema == null) {
                        continue;
                    }
                    JsonNode properties = json.readTree(schema).path("properties");
                    for (var it = properties.fields(); it.hasNext(); ) {
                        var option = it.next();
                        if (option.getValue().path("secret").asBoolean(false)) {
                            names.add(Monitor.kebabCase(option.getKey()));
                        }
                    }
                } catch (IOException e) {
                    // a component without metadata marks nothing
                }
            }
            marked = names;
        }
        return names;
    }
}
