package io.bactrian.endpoint;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.camel.Endpoint;

/**
 * A component whose {@code RAW(...)} parameters (URLs, passwords, selectors, rules) reach the
 * endpoint exactly as the URI holds them once its placeholders are resolved.
 *
 * <p>Camel's own handling changes such text: its URI normaliser ends a RAW value at the first
 * {@code )} and decodes what follows ({@code Foo_(bar)?q=a%26b} becomes {@code ?q=a&b}), it turns
 * {@code %25} inside RAW into {@code %}, evaluates {@code $simple{...}}, and ends RAW at any
 * {@code )&} even inside a URL. Here the endpoint gets the URI before normalising, and a RAW value
 * ends at the {@code )} that is followed by the end or by {@code &} and one of the endpoint's
 * options (see {@link #parse}). Values not in RAW are decoded as Camel decodes them.
 */
public abstract class VerbatimComponent extends StepComponent {

    @Override
    public boolean useRawUri() {
        return true;
    }

    @Override
    protected boolean resolveRawParameterValues() {
        return false; // read from the URI in setProperties, without Camel's %25 and $simple{} rewriting
    }

    @Override
    protected void validateURI(String uri, String path, Map<String, Object> parameters) {
        // a RAW value may hold && or end in &; the parsing below decides where values end
    }

    @Override
    protected void setProperties(Endpoint endpoint, Map<String, Object> parameters) throws Exception {
        Map<String, String> verbatim = parameters(endpoint.getEndpointUri(), EndpointOptions.of(endpoint));
        parameters.keySet().retainAll(verbatim.keySet());
        parameters.replaceAll((name, camels) -> verbatim.get(name));
        super.setProperties(endpoint, parameters);
    }

    /** The query of {@code uri} as name to value, RAW values verbatim, others decoded; {@code options} in any case. */
    static Map<String, String> parameters(String uri, Set<String> options) {
        int q = uri.indexOf('?');
        Map<String, String> parameters = new LinkedHashMap<>();
        parse(q < 0 ? "" : uri.substring(q + 1), 0, options, parameters);
        return parameters;
    }

    /**
     * Reads the query from {@code pos} into {@code into}; false when a name comes twice, a sign
     * that a RAW value was ended too early. A RAW value ends at the first bracket followed by the
     * end, or by {@code &option=} with the rest read without such a sign; else, as Camel reads
     * it, at the first bracket followed by {@code &}; else at the end.
     */
    private static boolean parse(String query, int pos, Set<String> options, Map<String, String> into) {
        while (pos < query.length()) {
            int amp = query.indexOf('&', pos);
            int eq = query.indexOf('=', pos);
            if (eq < 0 || amp >= 0 && amp < eq) { // a name without a value
                int end = amp < 0 ? query.length() : amp;
                if (into.put(query.substring(pos, end), "") != null) {
                    return false;
                }
                pos = end + 1;
                continue;
            }
            String name = query.substring(pos, eq);
            if (into.containsKey(name)) {
                return false;
            }
            int start = eq + 5; // after =RAW(
            char close = query.startsWith("RAW(", eq + 1) ? ')' : query.startsWith("RAW{", eq + 1) ? '}' : 0;
            if (close == 0) {
                int end = amp < 0 ? query.length() : amp;
                into.put(name, decoded(query.substring(eq + 1, end)));
                pos = end + 1;
                continue;
            }
            int fallback = -1;
            for (int i = query.indexOf(close, start); i >= 0; i = query.indexOf(close, i + 1)) {
                if (i + 1 == query.length()) {
                    into.put(name, query.substring(start, i));
                    return true;
                }
                if (query.charAt(i + 1) != '&') {
                    continue;
                }
                fallback = fallback < 0 ? i : fallback;
                int next = query.indexOf('=', i + 2);
                if (next > 0 && options.contains(query.substring(i + 2, next))) {
                    Map<String, String> rest = new LinkedHashMap<>(into);
                    rest.put(name, query.substring(start, i));
                    if (parse(query, i + 2, options, rest)) {
                        into.putAll(rest);
                        return true;
                    }
                }
            }
            int end = fallback >= 0 ? fallback : query.length();
            into.put(name, query.substring(start, end));
            pos = end + 2;
        }
        return true;
    }

    private static String decoded(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return value; // a stray %, kept as Camel keeps it
        }
    }
}
