package io.camelmonitor.channel;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.camelmonitor.alert.AlertEvent;
import io.camelmonitor.check.Durations;

/**
 * The alert channels: mail, and the chat, SMS and webhook channels named in
 * {@code alert.channels}, each built on first use from its {@code channel.<name>.*}
 * properties. The delivery route calls {@link #deliver} for each channel with alerts waiting
 * in the {@link AlertQueue}. A channel whose last attempt asked to retry rests until its
 * back-off is over, so later alerts never overtake earlier ones.
 */
public class ChannelSenders {
    public static final String CHANNELS = "alert.channels";
    public static final String SEVERITY = "alert.severity";
    /** The severities a monitor can have, most urgent first. */
    public static final List<String> SEVERITIES = List.of("critical", "warning", "info");
    /** Every channel and the properties it cannot do without. */
    public static final Map<String, List<String>> REQUIRED = required();
    /** How often the alerts firing at Alertmanager are posted to it again (ms). */
    public static final String RESEND_INTERVAL = "channel.alertmanager.resend-interval";

    private final Function<String, String> property;
    private final Clock clock;
    private final Map<String, AlertSink> sinks = new ConcurrentHashMap<>();
    private final Map<String, Instant> restUntil = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Map<String, RateLimit> limits = new ConcurrentHashMap<>();
    /** Per channel: a delivery and a re-send of its firing alerts never overlap, so neither overtakes the other. */
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final AlertQueue queue;
    private final Supplier<AlertSink> mail;
    private final Predicate<String> checked;

    /** Channels for which every monitor counts as checked here. */
    public ChannelSenders(Function<String, String> property, Clock clock, AlertQueue queue, Supplier<AlertSink> mail) {
        this(property, clock, queue, mail, monitor -> true);
    }

    /**
     * @param property a property's value, or "" when it is not set
     * @param mail     builds the mail channel: SMTP, or the local mailbox without {@code mail.host}
     * @param checked  whether a monitor is still checked here: the firing alerts of one that is
     *                 not (its route was removed) are not posted again, so they end
     */
    public ChannelSenders(Function<String, String> property, Clock clock, AlertQueue queue, Supplier<AlertSink> mail,
                          Predicate<String> checked) {
        this.property = property;
        this.clock = clock;
        this.queue = queue;
        this.mail = mail;
        this.checked = checked;
    }

    private static Map<String, List<String>> required() {
        Map<String, List<String>> r = new LinkedHashMap<>();
        r.put("mail", List.of()); // without mail.host, mails are kept in the local mailbox
        r.put("wecom", List.of("key"));
        r.put("dingtalk", List.of("access-token"));
        r.put("feishu", List.of("hook-id"));
        r.put("slack", List.of("webhook-path"));
        r.put("webhook", List.of("url"));
        r.put("alertmanager", List.of("base-url"));
        r.put("tencent-sms", List.of("secret-id", "secret-key", "sdk-app-id", "sign-name", "template-id",
                "phone-numbers"));
        r.put("aliyun-sms", List.of("access-key-id", "access-key-secret", "sign-name", "template-code",
                "phone-numbers"));
        return java.util.Collections.unmodifiableMap(r);
    }

    /** The channel names of a comma list such as {@code wecom, dingtalk}. */
    public static List<String> parse(String channels) {
        return Arrays.stream(channels.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * What keeps a listed channel from being built: the property to set, or null when nothing.
     *
     * @param listedIn the property that lists the channel, e.g. {@code alert.channels.shop}
     * @return {@code [key, message]} or null
     */
    public static String[] problem(String channel, String listedIn, Function<String, String> property) {
        List<String> keys = REQUIRED.get(channel);
        if (keys == null) {
            return new String[] {listedIn, "unknown channel '" + channel + "'; known: "
                    + String.join(", ", REQUIRED.keySet().stream().sorted().toList())};
        }
        for (String key : keys) {
            String name = "channel." + channel + "." + key;
            if (property.apply(name).isBlank()) {
                return new String[] {name, "is not set: channel '" + channel + "' is "
                        + (listedIn.startsWith("kamelet:") ? "sent to by " : "listed in ") + listedIn};
            }
        }
        return null;
    }

    /** The settings each channel may override as channel.<name>.<setting>: waits (10s, or milliseconds). */
    private static final List<String> PER_CHANNEL_WAITS = List.of("group-wait", "retry-delay", "retry-max-delay", "timeout");
    /** Every setting a channel may override as channel.<name>.<setting>, besides its own. */
    public static final List<String> PER_CHANNEL_SETTINGS = java.util.stream.Stream.concat(PER_CHANNEL_WAITS.stream(),
            java.util.stream.Stream.of("rate-limit", "language")).toList();

    /**
     * What is wrong with the delivery settings (waits and delays such as
     * {@code channel.group-wait}, {@code channel.<name>.retry-delay}, {@code mail.group-wait};
     * {@code channel.<name>.rate-limit}) and the severities
     * ({@code alert.severity[.<monitor>]}, {@code alert.channels.severity.<severity>}) among
     * {@code keys}, the properties that are set: {@code [key, message]} each.
     */
    public static List<String[]> settingProblems(java.util.Collection<String> keys, Function<String, String> property) {
        List<String[]> problems = new java.util.ArrayList<>();
        List<String> waits = new java.util.ArrayList<>(List.of("channel.poll-delay", "channel.lease",
                "mail.group-wait", "mail.retry-delay", RESEND_INTERVAL));
        for (String key : PER_CHANNEL_WAITS) {
            waits.add("channel." + key);
            REQUIRED.keySet().forEach(channel -> waits.add("channel." + channel + "." + key));
        }
        for (String key : waits) {
            String value = property.apply(key).strip();
            try {
                if (!value.isEmpty() && Durations.zeroOrMore(key, value).isZero()
                        && (key.endsWith(".timeout") || key.equals(RESEND_INTERVAL))) {
                    problems.add(new String[] {key, "must be at least 1 ms"});
                }
            } catch (IllegalArgumentException e) {
                problems.add(new String[] {key, "'" + value + "' is not a wait such as 10s, 500ms or 10000 (ms)"});
            }
        }
        for (String key : keys) {
            String value = property.apply(key).strip().toLowerCase(Locale.ROOT);
            if ((key.equals(SEVERITY) || key.startsWith(SEVERITY + ".")) && !value.isEmpty()
                    && !SEVERITIES.contains(value)) {
                problems.add(new String[] {key, "unknown severity '" + value + "'; known: " + String.join(", ", SEVERITIES)});
            }
            String prefix = CHANNELS + ".severity.";
            String listed = key.startsWith(prefix) ? key.substring(prefix.length()).split("\\.")[0] : null;
            if (listed != null && !SEVERITIES.contains(listed)) {
                problems.add(new String[] {key, "unknown severity '" + listed + "'; known: " + String.join(", ", SEVERITIES)});
            }
        }
        String format = property.apply("channel.wecom.format");
        if (!format.isBlank()) {
            try {
                WeComSink.Format.of(format);
            } catch (IllegalArgumentException e) {
                problems.add(new String[] {"channel.wecom.format", e.getMessage()});
            }
        }
        for (String channel : REQUIRED.keySet()) {
            String key = "channel." + channel + ".rate-limit";
            try {
                RateLimit.parse(property.apply(key));
            } catch (IllegalArgumentException e) {
                problems.add(new String[] {key, e.getMessage()});
            }
        }
        return problems;
    }

    /**
     * A monitor's severity: {@code alert.severity.<monitor>}, else its route's for a monitor per
     * part ({@code kafka-lag/orders}), else {@code alert.severity}, else critical.
     */
    public String severity(String monitor) {
        int part = monitor.indexOf('/');
        String route = part > 0 ? or(SEVERITY + "." + monitor.substring(0, part), or(SEVERITY, "critical"))
                : or(SEVERITY, "critical");
        return or(SEVERITY + "." + monitor, route).toLowerCase(Locale.ROOT);
    }

    /**
     * The channels an alert is queued for, the most specific list that is set:
     * {@code alert.channels.<monitor>.<kind>}, {@code alert.channels.<monitor>},
     * {@code alert.channels.severity.<severity>.<kind>}, {@code alert.channels.severity.<severity>},
     * {@code alert.channels.<kind>}, then {@code alert.channels} (kind in lower case: down,
     * reminder, resolved). The value {@code none} sends nothing. A monitor that alerts per part
     * ({@code kafka-lag/orders}) also goes by its route's lists ({@code alert.channels.kafka-lag}).
     */
    public List<String> channels(AlertEvent event) {
        String kind = event.kind().name().toLowerCase(Locale.ROOT);
        List<String> keys = new ArrayList<>();
        String monitor = event.monitor();
        int part = monitor.indexOf('/');
        for (String m : part > 0 ? List.of(monitor, monitor.substring(0, part)) : List.of(monitor)) {
            keys.add(CHANNELS + "." + m + "." + kind);
            keys.add(CHANNELS + "." + m);
        }
        String bySeverity = CHANNELS + ".severity." + severity(monitor);
        keys.add(bySeverity + "." + kind);
        keys.add(bySeverity);
        keys.add(CHANNELS + "." + kind);
        keys.add(CHANNELS);
        for (String key : keys) {
            String value = property.apply(key).strip();
            if (!value.isEmpty()) {
                return value.equals("none") ? List.of() : parse(value);
            }
        }
        return List.of();
    }

    /**
     * What one poll of the delivery route sends to a channel: attempt after attempt while
     * alerts are due, until one fails for now (the channel then rests) or none is due.
     *
     * @return the attempts made, oldest first; empty when nothing was due
     */
    public List<Attempt> deliver(String channel) {
        List<Attempt> attempts = new ArrayList<>();
        synchronized (lock(channel)) {
            for (int i = 0; i < MAX_ATTEMPTS_PER_POLL; i++) {
                Attempt attempt = attempt(channel);
                if (attempt == null) {
                    break;
                }
                attempts.add(attempt);
                if (attempt.delivery().outcome() == Delivery.Outcome.RETRY) {
                    break;
                }
            }
        }
        return attempts;
    }

    /**
     * Posts the alerts firing at the channel's service again (see {@link AlertQueue#firing}),
     * as Alertmanager needs: it ends an alert that no post renewed by the end the last one gave
     * it. Nothing is queued and no other channel hears of it. Only from the instance that
     * delivers the channel, never while the channel rests after a failed attempt, and never
     * during a delivery to it: a firing alert posted after its RESOLVED would fire again. A
     * re-send that should be tried again rests the channel as a failed delivery does.
     *
     * @return the attempts, grouped as deliveries are; empty when nothing fires or the channel is not set up
     */
    public List<Attempt> resendFiring(String channel) {
        List<Attempt> attempts = new ArrayList<>();
        synchronized (lock(channel)) {
            if (problem(channel, CHANNELS, property) != null || resting(channel, clock.instant())) {
                return attempts;
            }
            List<AlertQueue.Queued> firing = queue.firing(channel).stream()
                    .filter(q -> q.event() != null && checked.test(q.monitor())).toList();
            if (firing.isEmpty()) {
                return attempts;
            }
            AlertSink sink = sinks.computeIfAbsent(channel, this::build);
            int most = sink instanceof GroupingSink ? MAX_GROUP : 1;
            for (int from = 0; from < firing.size(); from += most) {
                List<AlertQueue.Queued> group = firing.subList(from, Math.min(from + most, firing.size()));
                List<String> labels = group.stream().map(AlertQueue.Queued::label).toList();
                Delivery delivery = send(sink, group);
                if (delivery.outcome() == Delivery.Outcome.RETRY) {
                    boolean failedBefore = failures.containsKey(channel);
                    attempts.add(new Attempt(channel, labels, rest(channel, delivery), failedBefore));
                    break; // the other groups wait with the channel
                }
                if (delivery.outcome() == Delivery.Outcome.DELIVERED) {
                    failures.remove(channel);
                    queue.resent(group);
                }
                attempts.add(new Attempt(channel, labels, delivery));
            }
        }
        return attempts;
    }

    private Object lock(String channel) {
        return locks.computeIfAbsent(channel, c -> new Object());
    }

    private boolean resting(String channel, Instant now) {
        Instant until = restUntil.get(channel);
        return until != null && now.isBefore(until);
    }

    /**
     * One attempt to deliver the oldest alerts of a channel's queue, unless the channel rests
     * after a failed attempt, so alerts arrive in the order queued. The oldest waits
     * {@code group-wait} after it was queued, and for the channel's rate limit; then it goes out
     * together with every alert queued behind it, as one message, on services that take
     * grouped messages.
     *
     * @return what was tried and how it ended, or null when nothing was due
     */
    private Attempt attempt(String channel) {
        Instant now = clock.instant();
        if (resting(channel, now)) {
            return null;
        }
        // only the oldest while it waits for its group or the rate limit: polls are frequent
        List<AlertQueue.Queued> waiting = queue.waiting(channel, 1);
        if (waiting.isEmpty()) {
            return null;
        }
        AlertQueue.Queued oldest = waiting.get(0);
        if (oldest.event() == null) {
            return ended(channel, List.of(oldest), Delivery.permanent(oldest.problem()));
        }
        AlertSink sink;
        try {
            sink = sinks.computeIfAbsent(channel, this::build);
        } catch (RuntimeException e) {
            return retry(channel, List.of(oldest), Delivery.retry(e.getMessage()));
        }
        // a chat channel without a wait still sends its backlog as one message; mail without one
        // sends each alert's own mail, as mail.group-wait = 0 promises
        boolean grouping = sink instanceof GroupingSink
                && !("mail".equals(channel) && groupWait(channel).isZero());
        if (grouping && now.isBefore(oldest.queuedAt().plus(groupWait(channel)))
                || !limits.computeIfAbsent(channel, this::rateLimit).tryAcquire(now)) {
            return null;
        }
        // an unreadable alert behind the oldest is refused on its own turn
        List<AlertQueue.Queued> group = grouping
                ? queue.waiting(channel, MAX_GROUP).stream().takeWhile(q -> q.event() != null).toList()
                : List.of(oldest);
        if (group.isEmpty()) {
            return null; // the queue could not be read just now; the next poll tries again
        }
        Delivery delivery = send(sink, group);
        if (delivery.outcome() == Delivery.Outcome.RETRY) {
            return retry(channel, group, delivery);
        }
        failures.remove(channel);
        return ended(channel, group, delivery);
    }

    /** One alert with its own text, more as one message: the sink of a group takes groups. */
    private static Delivery send(AlertSink sink, List<AlertQueue.Queued> group) {
        try {
            return group.size() == 1 ? sink.send(group.get(0).event())
                    : ((GroupingSink) sink).send(group.stream().map(AlertQueue.Queued::event).toList());
        } catch (RuntimeException e) {
            return Delivery.retry(e.getMessage());
        }
    }

    /** Marks the rows; when the database cannot, they stay queued and go out again: never lost. */
    private Attempt ended(String channel, List<AlertQueue.Queued> rows, Delivery delivery) {
        Delivery noted = delivery;
        try {
            queue.ended(rows, delivery);
        } catch (SQLException e) {
            noted = Delivery.retry(delivery.outcome() + " but not marked in the alert queue (" + e.getMessage()
                    + "); may go out again");
        }
        return new Attempt(channel, rows.stream().map(AlertQueue.Queued::label).toList(), noted);
    }

    /**
     * Rests the channel after a failed attempt: the back-off, or longer when the service asked,
     * counted from now, when the attempt ended: one that timed out took longer than many a wait.
     */
    private Attempt retry(String channel, List<AlertQueue.Queued> rows, Delivery delivery) {
        return ended(channel, rows, rest(channel, delivery));
    }

    /** Rests the channel after {@code delivery} failed; what the attempt says, with when the next try is. */
    private Delivery rest(String channel, Delivery delivery) {
        int n = failures.merge(channel, 1, Integer::sum);
        Duration wait = backOff(channel, n);
        if (delivery.retryAfter() != null && delivery.retryAfter().compareTo(wait) > 0) {
            wait = delivery.retryAfter();
        }
        restUntil.put(channel, clock.instant().plus(wait));
        return Delivery.retry(delivery.reason() + "; next try in "
                + (wait.toMillis() < 10_000 ? wait.toMillis() + " ms" : wait.toSeconds() + " s"), wait);
    }

    /** The most alerts one grouped message takes; the rest follow in the next. */
    private static final int MAX_GROUP = 1000;
    /** The most messages one poll sends to a channel, so one busy channel cannot hold up the others for long. */
    private static final int MAX_ATTEMPTS_PER_POLL = 100;

    /**
     * A channel's setting: {@code channel.<name>.<key>}, else for mail {@code mail.<key>}, else
     * {@code channel.<key>}, else the default.
     */
    private String setting(String channel, String key, String fallback) {
        String general = or("channel." + key, fallback);
        return or("channel." + channel + "." + key, "mail".equals(channel) ? or("mail." + key, general) : general);
    }

    /** How long the oldest alert waits for others to go out with it. */
    Duration groupWait(String channel) {
        return Durations.zeroOrMore("group-wait", setting(channel, "group-wait", "10s"));
    }

    private RateLimit rateLimit(String channel) {
        return RateLimit.parse(or("channel." + channel + ".rate-limit", RateLimit.DEFAULTS.getOrDefault(channel, "")));
    }

    private Duration backOff(String channel, int failuresInARow) {
        long first = Durations.zeroOrMore("retry-delay", setting(channel, "retry-delay", "10s")).toMillis();
        long max = Durations.zeroOrMore("retry-max-delay", setting(channel, "retry-max-delay", "10m")).toMillis();
        long wait = first << Math.min(failuresInARow - 1, 20);
        return Duration.ofMillis(Math.min(wait, max));
    }

    private AlertSink build(String channel) {
        String[] problem = problem(channel, CHANNELS, property);
        if (problem != null) {
            throw new IllegalStateException(problem[0] + " " + problem[1]);
        }
        if ("mail".equals(channel)) {
            return mail.get();
        }
        SendContext context = new SendContext(poster(channel), text(channel), clock);
        String p = "channel." + channel + ".";
        return switch (channel) {
            case "wecom" -> new WeComSink(or(p + "base-url", WeComSink.DEFAULT_BASE_URL), get(p + "key"),
                    WeComSink.Format.of(or(p + "format", "markdown_v2")), context);
            case "dingtalk" -> new DingTalkSink(or(p + "base-url", DingTalkSink.DEFAULT_BASE_URL),
                    get(p + "access-token"), nullIfBlank(get(p + "secret")), parse(get(p + "at-mobiles")), context);
            case "feishu" -> new FeishuSink(or(p + "base-url", FeishuSink.DEFAULT_BASE_URL), get(p + "hook-id"),
                    nullIfBlank(get(p + "secret")), Boolean.parseBoolean(or(p + "card", "true")), context);
            case "slack" -> new SlackSink(or(p + "base-url", SlackSink.DEFAULT_BASE_URL), get(p + "webhook-path"),
                    context);
            case "webhook" -> new WebhookSink(get(p + "url"), or(p + "method", "POST"), pairs(get(p + "headers"), ":"),
                    or(p + "template", WebhookSink.DEFAULT_TEMPLATE), nullIfBlank(get(p + "secret")), context);
            // as Prometheus does: each post keeps a firing alert for four re-sends, so one or two may fail
            case "alertmanager" -> new AlertmanagerSink(get(p + "base-url"), pairs(get(p + "labels"), "="),
                    pairs(get(p + "headers"), ":"),
                    Durations.positive(RESEND_INTERVAL, or(RESEND_INTERVAL, "1m")).multipliedBy(4), context);
            case "tencent-sms" -> new TencentSmsSink(or(p + "base-url", TencentSmsSink.DEFAULT_BASE_URL),
                    new TencentSmsSink.Settings(get(p + "secret-id"), get(p + "secret-key"),
                            or(p + "region", "ap-guangzhou"), get(p + "sdk-app-id"), get(p + "sign-name"),
                            get(p + "template-id"), parse(get(p + "phone-numbers")),
                            parse(or(p + "template-params", "monitor,state,detail")),
                            Integer.parseInt(or(p + "max-param-chars", "12"))), context);
            case "aliyun-sms" -> new AliyunSmsSink(or(p + "base-url", AliyunSmsSink.DEFAULT_BASE_URL),
                    new AliyunSmsSink.Settings(get(p + "access-key-id"), get(p + "access-key-secret"),
                            get(p + "sign-name"), get(p + "template-code"), parse(get(p + "phone-numbers")),
                            parse(or(p + "template-params", "monitor,state,detail")),
                            Integer.parseInt(or(p + "max-param-chars", "20"))), context);
            default -> throw new IllegalStateException(CHANNELS + ": unknown channel '" + channel + "'");
        };
    }

    /** Requests that take at most {@code channel[.<name>].timeout} in all, at most 5 s of it to connect. */
    private HttpPoster poster(String channel) {
        Duration timeout = Durations.positive("timeout", setting(channel, "timeout", "10s"));
        Duration connect = Duration.ofSeconds(5);
        return new HttpPoster(timeout.compareTo(connect) < 0 ? timeout : connect, timeout);
    }

    /** The channel's language ({@code channel.<name>.language}, else {@code channel.language}) and templates. */
    private AlertText text(String channel) {
        Locale locale = Locale.forLanguageTag(or("channel." + channel + ".language", or("channel.language", "zh-CN")));
        return new AlertText(locale, AlertText.zone(get("camel-monitor.time-zone"), locale), MessageTemplates.load(Path.of(or("channel.templates", "templates"))),
                channel);
    }

    /** {@code Name: value; Name2: value2} or {@code key=value, key2=value2}. */
    private static Map<String, String> pairs(String text, String separator) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : text.split(":".equals(separator) ? ";" : ",")) {
            int at = pair.indexOf(separator);
            if (at > 0) {
                map.put(pair.substring(0, at).strip(), pair.substring(at + 1).strip());
            }
        }
        return map;
    }

    private String get(String key) {
        String value = property.apply(key);
        return value == null ? "" : value.strip();
    }

    private String or(String key, String fallback) {
        String value = get(key);
        return value.isEmpty() ? fallback : value;
    }

    private static String nullIfBlank(String value) {
        return value.isBlank() ? null : value;
    }
}
