package io.bactrian.probe.speedtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a speed test's DOWN says: the quorum rule the failing nodes met, then why they failed,
 * each distinct failure class named, e.g. {@code 2 of 4 nodes failed: token refused (1),
 * threshold (1)}. The check states it in English (its reason, for logs and history); the
 * Chinese texts say the same words in Chinese, read back from that reason.
 */
public final class NodeVerdict {
    private static final Pattern RULE = Pattern.compile("(\\d+) of (\\d+) nodes failed(?: \\((\\d+) %\\))?"
            + "|(\\d+) nodes failed in province (.+?)|(\\d+) nodes failed on ISP (.+?)");
    private static final Pattern VERDICT = Pattern.compile("(" + RULE.pattern() + ")(?:: (.+))?");
    private static final Pattern COUNTED = Pattern.compile("(.+) \\((\\d+)\\)");

    private NodeVerdict() {
    }

    static String nodes(int failed, int total) {
        return failed + " of " + total + " nodes failed";
    }

    static String percent(int failed, int total) {
        return nodes(failed, total) + " (" + failed * 100 / total + " %)";
    }

    static String province(int failed, String province) {
        return failed + " nodes failed in province " + province;
    }

    static String isp(int failed, String isp) {
        return failed + " nodes failed on ISP " + isp;
    }

    /**
     * The rule, then the failing rows' classes, most rows first: the class alone when all
     * share it, else each with its count.
     */
    static String because(String rule, List<SpeedRow> failed) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        failed.forEach(r -> counts.merge(r.failureClass(), 1, Integer::sum));
        if (counts.size() == 1) {
            return rule + ": " + counts.keySet().iterator().next();
        }
        List<Map.Entry<String, Integer>> classes = new ArrayList<>(counts.entrySet());
        classes.sort(Map.Entry.<String, Integer>comparingByValue().reversed()); // stable: ties in row order
        List<String> named = classes.stream().map(c -> c.getKey() + " (" + c.getValue() + ")").toList();
        return rule + ": " + String.join(", ", named);
    }

    /**
     * {@code reason} in Chinese when it is a verdict, the failure classes in
     * {@code classWord}'s words; else null.
     */
    public static String chinese(String reason, UnaryOperator<String> classWord) {
        Matcher m = reason == null ? null : VERDICT.matcher(reason);
        if (m == null || !m.matches()) {
            return null;
        }
        Matcher rule = RULE.matcher(m.group(1));
        rule.matches();
        String said;
        if (rule.group(1) != null) {
            said = rule.group(2) + " 个节点中 " + rule.group(1) + " 个失败"
                    + (rule.group(3) == null ? "" : "（" + rule.group(3) + "%）");
        } else if (rule.group(4) != null) {
            said = "省份 " + rule.group(5) + " 有 " + rule.group(4) + " 个节点失败";
        } else {
            said = "运营商 " + rule.group(7) + " 有 " + rule.group(6) + " 个节点失败";
        }
        String classes = m.group(m.groupCount());
        if (classes == null) {
            return said;
        }
        List<String> words = new ArrayList<>();
        for (String part : classes.split(", ")) {
            Matcher counted = COUNTED.matcher(part);
            words.add(counted.matches() ? classWord.apply(counted.group(1)) + "（" + counted.group(2) + " 个）"
                    : classWord.apply(part));
        }
        return said + "：" + String.join("，", words);
    }
}
