package io.camelmonitor.channel;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.camelmonitor.alert.AlertEvent;
import io.camelmonitor.alert.AlertKind;

/**
 * An alert as text, in Chinese or English, for every channel: mail subjects and facts, chat
 * and SMS texts, and the users' templates. The English texts are the mail's built-in ones;
 * Chinese relabels the same facts, so every channel says the same thing.
 */
public final class AlertText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");
    private static final Map<String, String> CHINESE_LABELS = Map.of(
            "Monitor", "监控", "Target", "目标", "State", "状态", "Failure", "故障类型", "Reason", "原因",
            "Time", "时间", "Down since", "故障开始", "Down for", "已持续", "Was down for", "故障时长", "Notice", "通知");
    private static final Map<String, String> CHINESE_STATES = Map.of("DOWN", "故障", "UP (resolved)", "已恢复",
            "NOTICE", "通知");

    private final ZoneId zone;
    private final boolean chinese;
    private final MessageTemplates templates;
    private final String channel;

    public AlertText(Locale locale, ZoneId zone) {
        this(locale, zone, MessageTemplates.NONE, "");
    }

    /** With the users' templates of {@code channel} where there are some. */
    public AlertText(Locale locale, ZoneId zone, MessageTemplates templates, String channel) {
        this.zone = zone;
        this.chinese = "zh".equals(locale.getLanguage());
        this.templates = templates;
        this.channel = channel;
    }

    /**
     * The zone of alert times: {@code camel-monitor.time-zone} when set, else China Standard
     * Time for Chinese texts and the machine's zone for English ones.
     */
    public static ZoneId zone(String configured, Locale locale) {
        if (!configured.isBlank()) {
            return ZoneId.of(configured.strip());
        }
        return "zh".equals(locale.getLanguage()) ? ZoneId.of("Asia/Shanghai") : ZoneId.systemDefault();
    }

    /** The user's template for this alert, not filled in; null when there is none. */
    String template(AlertEvent e) {
        return templates.find(channel, e.monitor(), e.kind().name().toLowerCase(Locale.ROOT), chinese ? "zh-CN" : "en");
    }

    /** What a template's placeholders say for this alert, except {@code table}, which each channel renders its way. */
    Map<String, String> values(AlertEvent e) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> facts = englishFacts(e);
        values.put("monitor", e.monitor());
        values.put("target", e.target());
        values.put("kind", e.kind().name());
        values.put("state", chinese ? CHINESE_STATES.get(facts.get("State")) : facts.get("State"));
        values.put("failureClass", e.failureClass());
        values.put("reason", e.reason());
        values.put("time", facts.get("Time"));
        values.put("downSince", facts.get("Down since"));
        values.put("downFor", AlertMail.human(e.downFor()));
        return values;
    }

    /** The user's template for this alert, filled in with the table as markdown; null when there is none. */
    private String custom(AlertEvent e) {
        String template = template(e);
        if (template == null) {
            return null;
        }
        Map<String, String> values = values(e);
        List<List<String>> table = AlertMail.table(e);
        values.put("table", table.isEmpty() ? "" : NodeTable.markdown(table));
        return MessageTemplates.render(template, values);
    }

    /** zh-CN in China Standard Time, the default for every channel. */
    public static AlertText chinese() {
        return new AlertText(Locale.SIMPLIFIED_CHINESE, ZoneId.of("Asia/Shanghai"));
    }

    public String title(AlertEvent e) {
        String custom = custom(e);
        if (custom != null) {
            return custom.lines().findFirst().orElse("");
        }
        String duration = AlertMail.human(e.downFor());
        if (!chinese) {
            return switch (e.kind()) {
                case DOWN -> "[DOWN] " + e.monitor() + ": " + e.reason();
                case REMINDER -> "[STILL DOWN] " + e.monitor() + " for " + duration + ": " + e.reason();
                case RESOLVED -> "[RESOLVED] " + e.monitor() + " is up again after " + duration;
                case NOTICE -> "[NOTICE] " + e.monitor() + ": " + e.reason();
            };
        }
        return switch (e.kind()) {
            case DOWN -> "【告警】" + e.monitor() + "：" + e.reason();
            case REMINDER -> "【持续告警】" + e.monitor() + " 已故障 " + duration + "：" + e.reason();
            case RESOLVED -> "【恢复】" + e.monitor() + " 已恢复，故障时长 " + duration;
            case NOTICE -> "【通知】" + e.monitor() + "：" + e.reason();
        };
    }

    /** The facts every channel shows, in order. */
    public Map<String, String> facts(AlertEvent e) {
        Map<String, String> facts = englishFacts(e);
        if (!chinese) {
            return facts;
        }
        Map<String, String> relabelled = new LinkedHashMap<>();
        // a resolved alert has no reason: null values pass through
        facts.forEach((label, value) -> relabelled.put(CHINESE_LABELS.getOrDefault(label, label),
                value == null ? null : CHINESE_STATES.getOrDefault(value, value)));
        return relabelled;
    }

    private Map<String, String> englishFacts(AlertEvent e) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Monitor", e.monitor());
        facts.put("Target", e.target());
        if (e.kind() == AlertKind.NOTICE) {
            // news from a passing check: no incident to describe
            facts.put("State", "NOTICE");
            facts.put("Notice", e.reason());
            facts.put("Time", format(e.at()));
            return facts;
        }
        facts.put("State", e.kind() == AlertKind.RESOLVED ? "UP (resolved)" : "DOWN");
        facts.put("Failure", e.failureClass());
        facts.put("Reason", e.reason());
        facts.put("Time", format(e.at()));
        facts.put("Down since", format(e.downSince()));
        facts.put(e.kind() == AlertKind.RESOLVED ? "Was down for" : "Down for", AlertMail.human(e.downFor()));
        return facts;
    }

    private String format(Instant t) {
        return t == null ? "-" : TIME.format(t.atZone(zone));
    }

    /** Title, then one "label: value" line per fact. */
    public String plain(AlertEvent e) {
        String custom = custom(e);
        if (custom != null) {
            return custom;
        }
        StringBuilder sb = new StringBuilder(title(e));
        facts(e).forEach((label, value) -> sb.append('\n').append(label).append(": ").append(dash(value)));
        return sb.toString();
    }

    /** Bold title and labels; {@code bold} is "**" for most services and "*" for Slack. */
    public String markdown(AlertEvent e, String bold) {
        String custom = custom(e);
        if (custom != null) {
            return custom;
        }
        StringBuilder sb = new StringBuilder(bold).append(title(e)).append(bold);
        facts(e).forEach((label, value) -> sb.append('\n').append(bold).append(label).append(bold).append(": ")
                .append(dash(value)));
        List<List<String>> table = AlertMail.table(e);
        if (!table.isEmpty()) {
            sb.append("\n\n").append(NodeTable.markdown(table)); // failing rows first; long tables are cut by the sender
        }
        return sb.toString();
    }

    /**
     * What an SMS template gets: {@code monitor}, {@code state} and {@code detail} (the reason
     * while down, how long it was down once resolved), each cut to what a template variable takes.
     */
    public Map<String, String> smsParams(AlertEvent e, int maxChars) {
        boolean resolved = e.kind() == AlertKind.RESOLVED;
        String state = switch (e.kind()) {
            case RESOLVED -> chinese ? "恢复" : "RESOLVED";
            case NOTICE -> chinese ? "通知" : "NOTICE";
            default -> chinese ? "告警" : "DOWN";
        };
        String detail = resolved ? AlertMail.human(e.downFor()) : dash(e.reason());
        Map<String, String> params = new LinkedHashMap<>();
        params.put("monitor", TextLimits.codePoints(dash(e.monitor()), maxChars));
        params.put("state", state);
        params.put("detail", TextLimits.codePoints(detail, maxChars));
        return params;
    }

    /**
     * The title of several alerts sent as one message: how many monitors, how many of the
     * alerts are down, resolved and news.
     */
    public String groupTitle(List<AlertEvent> events) {
        long monitors = events.stream().map(AlertEvent::monitor).distinct().count();
        long resolved = events.stream().filter(e -> e.kind() == AlertKind.RESOLVED).count();
        long notices = events.stream().filter(e -> e.kind() == AlertKind.NOTICE).count();
        long down = events.size() - resolved - notices;
        List<String> counts = new java.util.ArrayList<>();
        String[] words = chinese ? new String[] {"故障", "恢复", "通知"} : new String[] {"down", "resolved", "notices"};
        long[] numbers = {down, resolved, notices};
        for (int i = 0; i < numbers.length; i++) {
            if (numbers[i] > 0) {
                counts.add(numbers[i] + " " + words[i]);
            }
        }
        if (chinese) {
            String head = down > 0 ? "【告警汇总】" : resolved > 0 ? "【恢复汇总】" : "【通知汇总】";
            return head + monitors + " 个监控：" + String.join("，", counts);
        }
        String head = down > 0 ? "[ALERTS] " : resolved > 0 ? "[RESOLVED] " : "[NOTICES] ";
        return head + monitors + (monitors == 1 ? " monitor: " : " monitors: ") + String.join(", ", counts);
    }

    /**
     * Several alerts as one markdown message: the bold group title, then each alert's own title
     * on a line, oldest first, cut so the whole fits {@code maxBytes} UTF-8 bytes; what does not
     * fit is counted on a last line ("… and 12 more").
     */
    public String groupMarkdown(List<AlertEvent> events, String bold, int maxBytes) {
        return group(bold + groupTitle(events) + bold, "- ", events, maxBytes);
    }

    /** As {@link #groupMarkdown}, without markup: the title, then one line per alert. */
    public String groupPlain(List<AlertEvent> events, int maxBytes) {
        return group(groupTitle(events), "", events, maxBytes);
    }

    private String group(String head, String bullet, List<AlertEvent> events, int maxBytes) {
        StringBuilder sb = new StringBuilder(head);
        for (int i = 0; i < events.size(); i++) {
            String line = "\n" + bullet + title(events.get(i));
            int left = events.size() - i - 1;
            // room for this line and, unless it is the last, the "more" line after it
            String more = left == 0 ? "" : more(left);
            if (bytes(sb) + bytes(line) + bytes(more) > maxBytes) {
                return TextLimits.utf8Bytes(sb + more(events.size() - i), maxBytes);
            }
            sb.append(line);
        }
        return sb.toString();
    }

    private String more(int n) {
        return chinese ? "\n…… 另有 " + n + " 条" : "\n… and " + n + " more";
    }

    private static int bytes(CharSequence text) {
        return text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /**
     * SMS template variables for several alerts: {@code monitor} is how many monitors,
     * {@code state} 告警 while any is down, {@code detail} the monitors' names, each cut to what a
     * variable takes.
     */
    public Map<String, String> groupSmsParams(List<AlertEvent> events, int maxChars) {
        List<String> monitors = events.stream().map(AlertEvent::monitor).distinct().toList();
        boolean down = events.stream().anyMatch(e -> e.kind() == AlertKind.DOWN || e.kind() == AlertKind.REMINDER);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("monitor", TextLimits.codePoints(chinese ? monitors.size() + "个监控" : monitors.size() + " monitors",
                maxChars));
        boolean resolved = events.stream().anyMatch(e -> e.kind() == AlertKind.RESOLVED);
        params.put("state", down ? (chinese ? "告警" : "DOWN") : resolved ? (chinese ? "恢复" : "RESOLVED")
                : (chinese ? "通知" : "NOTICE"));
        params.put("detail", TextLimits.codePoints(String.join(",", monitors), maxChars));
        return params;
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }
}
