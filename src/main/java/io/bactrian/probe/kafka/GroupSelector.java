package io.bactrian.probe.kafka;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which consumer groups to watch: a list of group ids, or every group whose id matches
 * {@code include} and not {@code exclude} (whole-id regular expressions).
 */
public record GroupSelector(List<String> groups, Pattern include, Pattern exclude) {

    public static GroupSelector of(String groups, String include, String exclude) {
        List<String> list = groups == null ? List.of()
                : Arrays.stream(groups.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        return new GroupSelector(list, pattern("include", include, ".*"), pattern("exclude", exclude, null));
    }

    private static Pattern pattern(String name, String regex, String fallback) {
        String r = regex == null || regex.isBlank() ? fallback : regex.strip();
        try {
            return r == null ? null : Pattern.compile(r);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(name + " '" + regex + "' is not a regular expression: " + e.getDescription());
        }
    }

    /** Whether groups are found by listing the cluster's groups (no fixed list given). */
    public boolean lists() {
        return groups.isEmpty();
    }

    public boolean matches(String group) {
        if (!groups.isEmpty()) {
            return groups.contains(group);
        }
        return include.matcher(group).matches() && (exclude == null || !exclude.matcher(group).matches());
    }
}
