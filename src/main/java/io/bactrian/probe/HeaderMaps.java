package io.bactrian.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Header maps keep arrival order and the server's spelling of names, so lookups ignore case
 * instead of relying on a sorted case-insensitive map.
 */
final class HeaderMaps {

    private HeaderMaps() {
    }

    static void add(Map<String, List<String>> headers, String name, String value) {
        String key = headers.keySet().stream().filter(name::equalsIgnoreCase).findFirst().orElse(name);
        headers.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    static String first(Map<String, List<String>> headers, String name) {
        List<String> values = all(headers, name);
        return values.isEmpty() ? null : values.get(0);
    }

    static List<String> all(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst().orElse(List.of());
    }

    static boolean has(Map<String, String> headers, String name) {
        return headers.keySet().stream().anyMatch(name::equalsIgnoreCase);
    }

    /** An unmodifiable copy, lists included, for immutable results. */
    static Map<String, List<String>> freeze(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }
}
