package io.bactrian.config;

import java.nio.file.Path;
import java.util.Map;

import org.apache.camel.CamelContext;

/**
 * What every check reads: the application's Camel context with its properties, and the folder
 * that holds application.properties, where relative paths start and which messages name files from.
 */
final class CheckContext {
    final CamelContext context;
    final Path base;

    CheckContext(CamelContext context, Path base) {
        this.context = context;
        this.base = base.toAbsolutePath().normalize();
    }

    /** A route's text with a template's parameters filled in, then the properties' placeholders resolved. */
    String resolve(String text, Map<String, String> templateValues) {
        for (Map.Entry<String, String> v : templateValues.entrySet()) {
            text = text.replace("{{" + v.getKey() + "}}", v.getValue());
        }
        return context.resolvePropertyPlaceholders(text);
    }

    String resolvePlaceholders(String text) {
        return context.resolvePropertyPlaceholders(text);
    }

    String property(String key, String fallback) {
        return context.getPropertiesComponent().resolveProperty(key).orElse(fallback);
    }

    /** A file as messages name it: relative to the folder of application.properties when inside it. */
    String name(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(base) ? base.relativize(abs).toString() : file.toString();
    }
}
