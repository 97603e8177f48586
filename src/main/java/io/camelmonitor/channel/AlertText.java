package io.camelmonitor.channel;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.camelmonitor.alert.AlertEvent;
import io.camelmonitor.alert.AlertKind;

/**
 * An alert as chat and SMS text, in Chinese or English. The facts and the English title are
 * the mail's, so every channel says the same thing; Chinese relabels them.
 */
public final class AlertText {
    private static final Map<String, String> CHINESE_LABELS = Map.of(
            "Monitor", "监控", "Target", "目标", "State", "状态", "Failure", "故障类型", "Reason", "原因",
            "Time", "时间", "Down since", "故障开始", "Down for", "已持续", "Was down for", "故障时长", "Notice", "通知");
    private static final Map<String, String> CHINESE_STATES = Map.of("DOWN", "故障", "UP (resolved)", "已恢复",
            "NOTICE", "通知");

    private final AlertMail mail;
    private final boolean chinese;

    public AlertText(Locale locale, ZoneId zone) {
        this.mail = new AlertMail(zone);
        this.chinese = "zh".equals(locale.getLanguage());
    }

    /** zh-CN in China Standard Time, the default for every channel. */
    public static AlertText chinese() {
        return new AlertText(Locale.SIMPLIFIED_CHINESE, ZoneId.of("Asia/Shanghai"));
    }

    public String title(AlertEvent e) {
        if (!chinese) {
            return mail.subject(e);
        }
        String duration = AlertMail.human(e.downFor());
        return switch (e.kind()) {
            case DOWN -> "【告警】" + e.monitor() + "：" + e.reason();
            case REMINDER -> "【持续告警】" + e.monitor() + " 已故障 " + duration + "：" + e.reason();
            case RESOLVED -> "【恢复】" + e.monitor() + " 已恢复，故障时长 " + duration;
            case NOTICE -> "【通知】" + e.monitor() + "：" + e.reason();
        };
    }

    public Map<String, String> facts(AlertEvent e) {
        Map<String, String> facts = mail.facts(e);
        if (!chinese) {
            return facts;
        }
        Map<String, String> relabelled = new LinkedHashMap<>();
        // a resolved alert has no reason: null values pass through
        facts.forEach((label, value) -> relabelled.put(CHINESE_LABELS.getOrDefault(label, label),
                value == null ? null : CHINESE_STATES.getOrDefault(value, value)));
        return relabelled;
    }

    /** Title, then one "label: value" line per fact. */
    public String plain(AlertEvent e) {
        StringBuilder sb = new StringBuilder(title(e));
        facts(e).forEach((label, value) -> sb.append('\n').append(label).append(": ").append(dash(value)));
        return sb.toString();
    }

    /** Bold title and labels; {@code bold} is "**" for most services and "*" for Slack. */
    public String markdown(AlertEvent e, String bold) {
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

    private static String dash(String value) {
        return value == null ? "-" : value;
    }
}
