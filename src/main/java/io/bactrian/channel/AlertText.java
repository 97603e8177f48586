package io.bactrian.channel;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.bactrian.alert.AlertEvent;
import io.bactrian.alert.AlertKind;
import io.bactrian.core.HumanDuration;
import io.bactrian.core.Table;
import io.bactrian.probe.speedtest.NodeVerdict;

/**
 * An alert as text, in Chinese or English, for every channel: mail subjects and facts, chat
 * and SMS texts, and the users' templates. The English texts are the mail's built-in ones;
 * Chinese relabels the same facts, so every channel says the same thing.
 * <p>
 * Long because each alert kind's wording sits here in both languages side by side: split,
 * the two would drift apart.
 */
public final class AlertText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");
    private static final Map<String, String> CHINESE_LABELS = Map.ofEntries(Map.entry("Monitor", "监控"),
            Map.entry("Description", "描述"), Map.entry("Target", "目标"), Map.entry("State", "状态"),
            Map.entry("Failure", "故障类型"), Map.entry("Reason", "原因"), Map.entry("Time", "时间"),
            Map.entry("Down since", "故障开始"), Map.entry("Down for", "已持续"), Map.entry("Was down for", "故障时长"),
            Map.entry("Notice", "通知"));
    private static final Map<String, String> CHINESE_STATES = Map.of("DOWN", "故障", "UP (resolved)", "已恢复",
            "NOTICE", "通知");
    /** The checks' failure classes; one not listed is shown as the check named it. */
    private static final Map<String, String> CHINESE_FAILURES = Map.ofEntries(Map.entry("timeout", "超时"),
            Map.entry("connection refused", "连接被拒"), Map.entry("DNS failure", "DNS 解析失败"),
            Map.entry("TLS error", "TLS 错误"), Map.entry("connection reset", "连接被重置"),
            Map.entry("protocol error", "协议错误"), Map.entry("token refused", "令牌被拒"),
            Map.entry("refused by node", "节点拒绝探测"), Map.entry("DNS hijack", "DNS 劫持"),
            Map.entry("unexpected status", "状态码不符"), Map.entry("threshold", "超出阈值"));
    /** The tables' column names; one not listed (a query's own column) is shown as written. */
    private static final Map<String, String> CHINESE_COLUMNS = Map.ofEntries(Map.entry("Node", "节点"),
            Map.entry("Region", "地区"), Map.entry("ISP", "运营商"), Map.entry("Status", "状态码"),
            Map.entry("Total ms", "总耗时(毫秒)"), Map.entry("DNS ms", "DNS(毫秒)"), Map.entry("Connect ms", "连接(毫秒)"),
            Map.entry("TLS ms", "TLS(毫秒)"), Map.entry("First byte ms", "首字节(毫秒)"),
            Map.entry("Download ms", "下载(毫秒)"), Map.entry("Size", "大小(字节)"), Map.entry("Result", "结果"),
            Map.entry("Certificate", "证书"), Map.entry("Issuer", "签发者"), Map.entry("Names", "域名"),
            Map.entry("Valid until", "有效期至"), Map.entry("Threshold", "阈值"), Map.entry("Series", "序列"),
            Map.entry("Value", "值"), Map.entry("Group", "消费组"), Map.entry("Topic", "主题"),
            Map.entry("Partitions", "分区数"), Map.entry("Lag", "积压"), Map.entry("Max partition lag", "单分区最大积压"),
            Map.entry("Lag seconds", "积压(秒)"), Map.entry("New", "新增"), Map.entry("Link", "链接"));
    private static final Map<String, String> CHINESE_RESULTS = Map.of("ok", "正常", "expired", "已过期");

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
     * The zone of alert times: {@code bactrian.time-zone} when set, else China Standard
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
        values.put("description", e.description() == null ? "" : e.description());
        values.put("target", e.target());
        values.put("kind", e.kind().name());
        values.put("state", chinese ? CHINESE_STATES.get(facts.get("State")) : facts.get("State"));
        values.put("failureClass", failureClass(e));
        values.put("reason", reason(e));
        values.put("time", facts.get("Time"));
        values.put("downSince", facts.get("Down since"));
        values.put("downFor", duration(e));
        return values;
    }

    /** The user's template for this alert, filled in with the table as {@code table} renders it; null when there is none. */
    private String custom(AlertEvent e, Function<Table, String> table) {
        String template = template(e);
        if (template == null) {
            return null;
        }
        Map<String, String> values = values(e);
        Table rows = table(e);
        values.put("table", rows.isEmpty() ? "" : table.apply(rows));
        return MessageTemplates.render(template, values);
    }

    /** zh-CN in China Standard Time, the default for every channel. */
    public static AlertText chinese() {
        return new AlertText(Locale.SIMPLIFIED_CHINESE, ZoneId.of("Asia/Shanghai"));
    }

    public String title(AlertEvent e) {
        String custom = custom(e, NodeTable::markdown);
        if (custom != null) {
            return custom.lines().findFirst().orElse("");
        }
        String duration = duration(e);
        if (!chinese) {
            return switch (e.kind()) {
                case DOWN -> "[DOWN] " + e.monitor() + ": " + e.reason();
                case REMINDER -> "[STILL DOWN] " + e.monitor() + " for " + duration + ": " + e.reason();
                case RESOLVED -> "[RESOLVED] " + e.monitor() + " is up again after " + duration;
                case NOTICE -> "[NOTICE] " + e.monitor() + ": " + e.reason();
            };
        }
        return switch (e.kind()) {
            case DOWN -> "【告警】" + e.monitor() + "：" + reason(e);
            case REMINDER -> "【持续告警】" + e.monitor() + " 已故障 " + duration + "：" + reason(e);
            case RESOLVED -> "【恢复】" + e.monitor() + " 已恢复，故障时长 " + duration;
            case NOTICE -> "【通知】" + e.monitor() + "：" + reason(e);
        };
    }

    /** The facts every channel shows, in order. */
    public Map<String, String> facts(AlertEvent e) {
        Map<String, String> facts = englishFacts(e);
        if (!chinese) {
            return facts;
        }
        facts.computeIfPresent("Failure", (label, value) -> failureClass(e));
        facts.computeIfPresent("Reason", (label, value) -> reason(e));
        Map<String, String> relabelled = new LinkedHashMap<>();
        // a resolved alert has no reason: null values pass through
        facts.forEach((label, value) -> relabelled.put(CHINESE_LABELS.getOrDefault(label, label),
                value == null ? null : CHINESE_STATES.getOrDefault(value, value)));
        return relabelled;
    }

    private Map<String, String> englishFacts(AlertEvent e) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Monitor", e.monitor());
        if (e.description() != null && !e.description().isBlank()) {
            facts.put("Description", e.description().strip());
        }
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
        facts.put(e.kind() == AlertKind.RESOLVED ? "Was down for" : "Down for", duration(e));
        return facts;
    }

    /** How long the monitor is or was down: "2h 5m", "2小时5分". */
    private String duration(AlertEvent e) {
        return chinese ? HumanDuration.of(e.downFor(), List.of("天", "小时", "分", "秒"), "") : HumanDuration.of(e.downFor());
    }

    /** The alert's table, its column names and its own words ("ok", a node's failure class) in this language. */
    Table table(AlertEvent e) {
        Table table = AlertMail.table(e);
        if (!chinese || table.isEmpty()) {
            return table;
        }
        int result = table.header().lastIndexOf("Result");
        List<Table.Row> rows = new ArrayList<>();
        for (Table.Row row : table.rows()) {
            List<String> cells = new ArrayList<>(row.cells());
            if (result >= 0 && result < cells.size()) {
                cells.set(result, chineseResult(cells.get(result)));
            }
            rows.add(new Table.Row(cells, row.failed()));
        }
        return new Table(table.header().stream().map(c -> CHINESE_COLUMNS.getOrDefault(c, c)).toList(), rows);
    }

    /** A result cell: "ok", "expired", a node's "<failure class>: <reason>" or a check's own problem. */
    private static String chineseResult(String result) {
        String word = CHINESE_RESULTS.get(result);
        if (word != null) {
            return word;
        }
        int colon = result.indexOf(": ");
        String failure = colon > 0 ? CHINESE_FAILURES.get(result.substring(0, colon)) : null;
        return failure == null ? result : failure + "：" + result.substring(colon + 2);
    }

    private String format(Instant t) {
        return t == null ? "-" : TIME.format(t.atZone(zone));
    }

    /** Title, then one "label: value" line per fact. */
    public String plain(AlertEvent e) {
        String custom = custom(e, NodeTable::markdown);
        if (custom != null) {
            return custom;
        }
        StringBuilder sb = new StringBuilder(title(e));
        facts(e).forEach((label, value) -> sb.append('\n').append(label).append(": ").append(dash(value)));
        return sb.toString();
    }

    /** Bold title and labels; {@code bold} is "**" for most services and "*" for Slack. */
    public String markdown(AlertEvent e, String bold) {
        return markdown(e, Markup.markdown(bold));
    }

    /** As {@link #markdown(AlertEvent, String)}, marked up as {@code markup} says. */
    public String markdown(AlertEvent e, Markup markup) {
        String custom = custom(e, markup.table());
        if (custom != null) {
            return custom;
        }
        String bold = markup.bold();
        StringBuilder sb = new StringBuilder(bold).append(title(e)).append(bold);
        facts(e).forEach((label, value) -> sb.append(markup.lineBreak()).append(bold).append(label).append(bold)
                .append(": ").append(dash(value)));
        Table rows = table(e);
        if (!rows.isEmpty()) {
            // failing rows first; long tables are cut by the sender
            sb.append("\n\n").append(markup.table().apply(rows));
        }
        return sb.toString();
    }

    /** {@code text} as it fits in {@code maxBytes} UTF-8 bytes, cut on whole lines with a mark saying so. */
    public String fit(String text, int maxBytes) {
        return TextLimits.cut(text, maxBytes, cutMark());
    }

    private String cutMark() {
        return chinese ? "……（已截断）" : "… (cut)";
    }

    /**
     * What an SMS template gets: {@code monitor}, {@code state} and {@code detail} (the reason
     * while down, how long it was down once resolved), each cut to what a template variable takes.
     */
    public Map<String, String> smsParams(AlertEvent e, int maxChars) {
        String detail = e.kind() == AlertKind.RESOLVED ? duration(e) : dash(reason(e));
        return sms(dash(e.monitor()), smsWord(e.kind()), detail, maxChars);
    }

    /** What an SMS says happened, in the words of the titles: 告警, 持续告警, 恢复, 通知. */
    private String smsWord(AlertKind kind) {
        return switch (kind) {
            case DOWN -> chinese ? "告警" : "DOWN";
            case REMINDER -> chinese ? "持续告警" : "STILL DOWN";
            case RESOLVED -> chinese ? "恢复" : "RESOLVED";
            case NOTICE -> chinese ? "通知" : "NOTICE";
        };
    }

    private static Map<String, String> sms(String monitor, String state, String detail, int maxChars) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("monitor", TextLimits.codePoints(monitor, maxChars));
        params.put("state", TextLimits.codePoints(state, maxChars));
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
        String[] words = chinese ? new String[] {"故障", "恢复", "通知"} : new String[] {"down", "resolved", "notice"};
        long[] numbers = {down, resolved, notices};
        for (int i = 0; i < numbers.length; i++) {
            if (numbers[i] > 0) {
                // "notice" is the one English word here that takes a plural
                counts.add(numbers[i] + " " + words[i] + (!chinese && i == 2 && numbers[i] > 1 ? "s" : ""));
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
     * Several alerts as one markdown message: the bold group title, then each alert's own
     * message, oldest first, so a grouped alert keeps its facts and table; the whole fits
     * {@code maxBytes} UTF-8 bytes, each message cut to a fair share with a mark where it had
     * to be. When a share would not hold an alert's title and first fact, the titles alone, the
     * last line counting those that did not fit ("… and 12 more") or saying the rest was cut.
     */
    public String groupMarkdown(List<AlertEvent> events, String bold, int maxBytes) {
        return groupMarkdown(events, Markup.markdown(bold), maxBytes);
    }

    /** As {@link #groupMarkdown(List, String, int)}, marked up as {@code markup} says. */
    public String groupMarkdown(List<AlertEvent> events, Markup markup, int maxBytes) {
        return group(markup.bold() + groupTitle(events) + markup.bold(), "- ", events, e -> markdown(e, markup),
                maxBytes);
    }

    /** As {@link #groupMarkdown}, without markup: the title, then each alert's plain text. */
    public String groupPlain(List<AlertEvent> events, int maxBytes) {
        return group(groupTitle(events), "", events, this::plain, maxBytes);
    }

    private String group(String head, String bullet, List<AlertEvent> events, Function<AlertEvent, String> message,
                         int maxBytes) {
        List<String> messages = events.stream().map(message).map(String::stripTrailing).toList();
        int room = maxBytes - TextLimits.bytes(head) - BREAK.length() * messages.size();
        List<String> shared = fairShares(messages, room);
        return shared != null ? head + BREAK + String.join(BREAK, shared) : titles(head, bullet, events, maxBytes);
    }

    /** Between a grouped message's title and each alert's message: a blank line. */
    private static final String BREAK = "\n\n";

    /**
     * The messages, each whole or cut so that together they fit {@code room} bytes: the short
     * ones whole, the room they leave shared among the long ones; null when a cut message
     * would keep no more than its title.
     */
    private List<String> fairShares(List<String> messages, int room) {
        List<Integer> bySize = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            bySize.add(i);
        }
        bySize.sort(Comparator.comparingInt(i -> TextLimits.bytes(messages.get(i))));
        String[] fitted = new String[messages.size()];
        int left = room;
        for (int k = 0; k < bySize.size(); k++) {
            String whole = messages.get(bySize.get(k));
            int share = left / (bySize.size() - k);
            if (TextLimits.bytes(whole) > share
                    && TextLimits.bytes(titleAndFirstFact(whole) + TextLimits.MARK_BREAK + cutMark()) > share) {
                return null;
            }
            String cut = fit(whole, share);
            fitted[bySize.get(k)] = cut;
            left -= TextLimits.bytes(cut);
        }
        return List.of(fitted);
    }

    /** The start of a message up to the end of its second line that is not blank. */
    private static String titleAndFirstFact(String message) {
        Matcher m = TWO_LINES.matcher(message);
        return m.find() ? m.group() : message;
    }

    private static final Pattern TWO_LINES = Pattern.compile("\\A\\s*\\S.*\\n(?:[ \\t]*\\n)*.*");

    /** The group title, then each alert's title on a line, as many as fit, and a last line saying what did not. */
    private String titles(String head, String bullet, List<AlertEvent> events, int maxBytes) {
        StringBuilder sb = new StringBuilder(head);
        for (int i = 0; i < events.size(); i++) {
            String line = "\n" + bullet + title(events.get(i));
            // room for this line and the mark after it
            String more = i == events.size() - 1 ? "\n" + cutMark() : more(events.size() - i - 1);
            if (TextLimits.bytes(sb) + TextLimits.bytes(line) + TextLimits.bytes(more) > maxBytes) {
                return TextLimits.utf8Bytes(sb + more(events.size() - i), maxBytes);
            }
            sb.append(line);
        }
        // every title, but none of the facts and tables
        return sb.append('\n').append(cutMark()).toString();
    }

    private String more(int n) {
        return chinese ? "\n…… 另有 " + n + " 条" : "\n… and " + n + " more";
    }

    /**
     * SMS template variables for several alerts, saying what each monitor came to: its latest
     * alert (a notice does not hide an incident's DOWN or RESOLVED). One monitor: that alert's
     * own variables. Several: {@code monitor} how many, {@code state} how many of each kind
     * ({@code 2告警1恢复}, or the kind alone when all are alike), {@code detail} their names in
     * the same order; each cut to what a variable takes.
     */
    public Map<String, String> groupSmsParams(List<AlertEvent> events, int maxChars) {
        Map<String, AlertEvent> latest = new LinkedHashMap<>();
        for (AlertEvent e : events) {
            latest.merge(e.monitor(), e, (before, after) ->
                    after.kind() == AlertKind.NOTICE && before.kind() != AlertKind.NOTICE ? before : after);
        }
        if (latest.size() == 1) {
            return smsParams(latest.values().iterator().next(), maxChars);
        }
        Map<AlertKind, List<String>> byKind = new EnumMap<>(AlertKind.class);
        latest.values().forEach(e -> byKind.computeIfAbsent(e.kind(), k -> new ArrayList<>()).add(e.monitor()));
        List<String> counts = new ArrayList<>();
        byKind.forEach((kind, monitors) -> counts.add(monitors.size() + (chinese ? "" : " ") + smsWord(kind)));
        String state = byKind.size() == 1 ? smsWord(byKind.keySet().iterator().next())
                : String.join(chinese ? "" : ", ", counts);
        String names = String.join(",", byKind.values().stream().flatMap(List::stream).toList());
        return sms(chinese ? latest.size() + "个监控" : latest.size() + " monitors", state, names, maxChars);
    }

    /** The alert's reason as this language says it: a speed test's verdict in Chinese words too. */
    private String reason(AlertEvent e) {
        String said = chinese ? NodeVerdict.chinese(e.reason(), AlertText::chineseFailure) : null;
        return said != null ? said : e.reason();
    }

    private String failureClass(AlertEvent e) {
        return chinese && e.failureClass() != null ? chineseFailure(e.failureClass()) : e.failureClass();
    }

    private static String chineseFailure(String failureClass) {
        return CHINESE_FAILURES.getOrDefault(failureClass, failureClass);
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }
}
