package io.bactrian.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An entry of a monitor list written as a person would: {@code - id: shop} then one
 * {@code key: value} line per setting at the list's indentation. A text is left plain when it
 * reads back as the same text, else double-quoted; a list of values is written {@code [a, b]}.
 */
final class EntryYaml {
    /** Text that YAML reads back as itself when plain: no number, no true/false/null, no ': ' or ' #'. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_./-]*");
    private static final java.util.Set<String> WORDS = java.util.Set.of("true", "false", "null", "yes", "no", "on", "off",
            "y", "n", "nan", "inf");

    private EntryYaml() {
    }

    /** The entry's lines, each ending in a newline; values are text, numbers, booleans or lists of them. */
    static String render(String id, Map<String, Object> values, int dash, int indent) {
        StringBuilder b = new StringBuilder();
        b.append(" ".repeat(dash)).append('-').append(" ".repeat(Math.max(1, indent - dash - 1)))
                .append("id: ").append(scalar(id)).append('\n');
        values.forEach((key, value) -> b.append(" ".repeat(indent)).append(key).append(": ").append(value(value))
                .append('\n'));
        return b.toString();
    }

    private static String value(Object value) {
        if (value instanceof List<?> items) {
            StringBuilder b = new StringBuilder("[");
            for (Object item : items) {
                b.append(b.length() > 1 ? ", " : "").append(scalar(item));
            }
            return b.append(']').toString();
        }
        return scalar(value);
    }

    private static String scalar(Object value) {
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof java.math.BigInteger) {
            return value.toString();
        }
        String text = String.valueOf(value);
        if (PLAIN.matcher(text).matches() && !WORDS.contains(text.toLowerCase(Locale.ROOT))) {
            return text;
        }
        return quoted(text);
    }

    /** A YAML double-quoted scalar: JSON's escapes are YAML's, and every control character is escaped. */
    private static String quoted(String text) {
        StringBuilder b = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
