package io.bactrian.probe.speedtest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When failing nodes make a monitor DOWN, so one bad node wakes nobody. Rules, any of which
 * suffices: {@code nodes>=2} (at least 2 nodes fail), {@code percent>=50} (at least half),
 * {@code province>=2} / {@code isp>=2} (at least 2 nodes of one province / one ISP).
 */
public final class Quorum {
    private static final Pattern RULE = Pattern.compile("\\s*(nodes|percent|province|isp)\\s*>=\\s*(\\d+)\\s*");

    private record Rule(String kind, int min) {
    }

    private final List<Rule> rules;
    private final String text;

    private Quorum(List<Rule> rules, String text) {
        this.rules = rules;
        this.text = text;
    }

    public static Quorum parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String part : text.split(",")) {
            Matcher m = RULE.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("quorum '" + text + "': '" + part.trim()
                        + "' is not a rule like nodes>=2, percent>=50, province>=2 or isp>=2");
            }
            int min = Integer.parseInt(m.group(2));
            if (min < 1 || m.group(1).equals("percent") && min > 100) {
                throw new IllegalArgumentException("quorum '" + text + "': " + part.trim() + " is out of range");
            }
            rules.add(new Rule(m.group(1), min));
        }
        return new Quorum(List.copyOf(rules), text.trim());
    }

    /** The rule the failing rows meet, said for people, or null when the monitor is up. */
    public String downBecause(List<SpeedRow> rows) {
        List<SpeedRow> failed = rows.stream().filter(r -> !r.ok()).toList();
        if (failed.isEmpty()) {
            return null;
        }
        for (Rule rule : rules) {
            switch (rule.kind()) {
                case "nodes" -> {
                    if (failed.size() >= rule.min()) {
                        return NodeVerdict.nodes(failed.size(), rows.size());
                    }
                }
                case "percent" -> {
                    if (failed.size() * 100 >= rule.min() * rows.size()) {
                        return NodeVerdict.percent(failed.size(), rows.size());
                    }
                }
                case "province" -> {
                    Map.Entry<String, Integer> group = largestGroup(failed, r -> r.result().node().province(), rule.min());
                    if (group != null) {
                        return NodeVerdict.province(group.getValue(), group.getKey());
                    }
                }
                default -> {
                    Map.Entry<String, Integer> group = largestGroup(failed, r -> r.result().node().isp(), rule.min());
                    if (group != null) {
                        return NodeVerdict.isp(group.getValue(), group.getKey());
                    }
                }
            }
        }
        return null;
    }

    private static Map.Entry<String, Integer> largestGroup(List<SpeedRow> failed, Function<SpeedRow, String> key,
                                                           int min) {
        Map<String, Integer> counts = new HashMap<>();
        for (SpeedRow r : failed) {
            String k = key.apply(r);
            if (k != null && !k.isBlank()) {
                counts.merge(k, 1, Integer::sum);
            }
        }
        return counts.entrySet().stream().filter(e -> e.getValue() >= min)
                .max(Map.Entry.comparingByValue()).orElse(null);
    }

    @Override
    public String toString() {
        return text;
    }
}
