package io.bactrian.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.PropertyBindingException;

/**
 * The one line a user reads of a failure. Camel wraps the component's own message in
 * URI-quoting layers; users need the component's one.
 */
public final class RootMessage {
    private static final Pattern MISSING_PROPERTY = Pattern.compile("Property with key \\[([^\\]]*)] not found");

    private RootMessage() {
    }

    public static String of(Throwable e) {
        Throwable innermost = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains("Unknown parameters=")) {
                return "unknown parameter(s) " + message.substring(message.indexOf("Unknown parameters=") + 19)
                        + " (check the spelling; a value holding & or + must be written RAW(...))";
            }
            Matcher missing = MISSING_PROPERTY.matcher(message == null ? "" : message);
            if (missing.lookingAt()) {
                // Camel quotes the whole text it was resolving: an endpoint URI, which may hold a secret
                return "property '" + missing.group(1) + "' not found (set it in application.properties, as -D or in the environment)";
            }
            if (t instanceof PropertyBindingException binding && binding.getPropertyName() != null) {
                return binding.getPropertyName() + " '" + binding.getValue() + "': " + bindingReason(binding);
            }
            if (t instanceof IllegalArgumentException) {
                return message;
            }
            innermost = t;
        }
        return innermost.getMessage();
    }

    /** Why a parameter's value could not be set: the type conversion's own message names no field. */
    private static String bindingReason(PropertyBindingException binding) {
        for (Throwable t = binding.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NumberFormatException) {
                return String.valueOf(binding.getValue()).strip().matches("-?\\d+") ? "too large a number" : "not a number";
            }
        }
        return binding.getCause() == null ? binding.getMessage() : of(binding.getCause());
    }
}
