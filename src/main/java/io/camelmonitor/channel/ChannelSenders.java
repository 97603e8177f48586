package io.camelmonitor.channel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

import io.camelmonitor.alert.AlertEvent;

/**
 * The chat, SMS and webhook channels named in {@code alert.channels}, each built on first use
 * from its {@code channel.<name>.*} properties. The outbox routes call it: {@link #toJson}
 * when an alert is queued, {@link #send} for each queued file. A channel whose last attempt
 * asked to retry rests until its back-off is over, so later alerts never overtake earlier ones.
 */
public class ChannelSenders {
    public static final String CHANNELS = "alert.channels";
    public static final String SEVERITY = "alert.severity";
    /** The severities a monitor can have, most urgent first. */
    public static final List<String> SEVERITIES = List.of("critical", "warning", "info");
    /** Every channel and the properties it cannot do without. */
    public static final Map<String, List<String>> REQUIRED = required();

    /** An attempt was made and should be repeated later; the file stays queued. */
    public static class RetryLater extends Exception {
        public RetryLater(String message) {
            super(message, null, false, false);
        }
    }

    /** The channel is resting after a failed attempt; the file stays queued, nothing was sent. */
    public static class BackingOff extends Exception {
        public BackingOff(String channel) {
            super(channel + " is backing off", null, false, false);
        }
    }

    private final Function<String, String> property;
    private final Clock clock;
    private final Map<String, AlertSink> sinks = new ConcurrentHashMap<>();
    private final Map<String, Instant> restUntil = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Map<String, RateLimit> limits = new ConcurrentHashMap<>();
    /** Files sent as part of an older file's message, and how that ended: channel/file name to outcome. */
    private final Map<String, Delivery> sentWithOlder = new ConcurrentHashMap<>();

    /** @param property a property's value, or "" when it is not set */
    public ChannelSenders(Function<String, String> property, Clock clock) {
        this.property = property;
        this.clock = clock;
    }

    private static Map<String, List<String>> required() {
        Map<String, List<String>> r = new LinkedHashMap<>();
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
        return Map.copyOf(r);
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

    /**
     * What is wrong with the grouping and rate settings ({@code channel.group-wait}, {@code mail.group-wait},
     * {@code channel.<name>.group-wait}, {@code channel.<name>.rate-limit}) and the severities
     * ({@code alert.severity[.<monitor>]}, {@code alert.channels.severity.<severity>}) among
     * {@code keys}, the properties that are set: {@code [key, message]} each.
     */
    public static List<String[]> settingProblems(java.util.Collection<String> keys, Function<String, String> property) {
        List<String[]> problems = new java.util.ArrayList<>();
        List<String> waits = new java.util.ArrayList<>(List.of("channel.group-wait", "mail.group-wait"));
        REQUIRED.keySet().forEach(channel -> waits.add("channel." + channel + ".group-wait"));
        for (String key : waits) {
            String value = property.apply(key).strip();
            if (!value.isEmpty() && !value.matches("\\d{1,12}")) {
                problems.add(new String[] {key, "'" + value + "' is not a wait in milliseconds, e.g. 10000"});
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

    /** The channel a queued file belongs to: the folder it is in, e.g. wecom/20261124-...json. */
    public String channelOf(String fileName) {
        return Path.of(fileName).getName(0).toString();
    }

    public String toJson(AlertEvent event) {
        return AlertJson.write(event);
    }

    /**
     * One attempt to deliver a queued alert: only the oldest file of a channel's outbox is
     * sent, and only when the channel is not resting, so alerts arrive in the order queued.
     * The oldest waits {@code group-wait} after it was queued, and for the channel's rate limit;
     * then it goes out together with every alert queued behind it, as one message, on services
     * that take grouped messages.
     *
     * @param file the file's name in data/outbox/&lt;channel&gt;/
     * @return DELIVERED or PERMANENT (never to be retried), also for a file that went out with an older one
     * @throws RetryLater the attempt failed for now; the channel rests before the next one
     * @throws BackingOff the channel is resting or waiting, or an older alert waits; nothing was sent
     */
    public Delivery send(String json, String channel, String file) throws RetryLater, BackingOff {
        Delivery before = sentWithOlder.remove(channel + "/" + file);
        if (before != null) {
            return before;
        }
        Instant now = clock.instant();
        Instant until = restUntil.get(channel);
        List<String> queued = queued(channel);
        if (until != null && now.isBefore(until) || !queued.isEmpty() && !file.equals(queued.get(0))) {
            throw new BackingOff(channel);
        }
        AlertEvent event;
        try {
            event = AlertJson.read(json);
        } catch (IllegalArgumentException e) {
            return Delivery.permanent("unreadable alert file: " + e.getMessage());
        }
        AlertSink sink;
        try {
            sink = sinks.computeIfAbsent(channel, this::build);
        } catch (RuntimeException e) {
            throw retry(channel, now, Delivery.retry(e.getMessage()));
        }
        boolean grouping = sink instanceof GroupingSink;
        if (grouping && now.isBefore(queuedAt(channel, file).plus(groupWait(channel)))
                || !limits.computeIfAbsent(channel, this::rateLimit).tryAcquire(now)) {
            throw new BackingOff(channel);
        }
        Map<String, AlertEvent> group = new LinkedHashMap<>();
        group.put(file, event);
        if (grouping) {
            queued.stream().skip(1).forEach(name -> read(channel, name).ifPresent(e -> group.put(name, e)));
        }
        Delivery delivery;
        try {
            delivery = group.size() == 1 ? sink.send(event)
                    : ((GroupingSink) sink).send(List.copyOf(group.values()));
        } catch (RuntimeException e) {
            delivery = Delivery.retry(e.getMessage());
        }
        if (delivery.outcome() != Delivery.Outcome.RETRY) {
            failures.remove(channel);
            restUntil.remove(channel);
            Delivery outcome = delivery;
            group.keySet().stream().skip(1).forEach(name -> sentWithOlder.put(channel + "/" + name, outcome));
            return delivery;
        }
        throw retry(channel, now, delivery);
    }

    /** Rests the channel after a failed attempt: the back-off, or longer when the service asked. */
    private RetryLater retry(String channel, Instant now, Delivery delivery) {
        int n = failures.merge(channel, 1, Integer::sum);
        Duration wait = backOff(n);
        if (delivery.retryAfter() != null && delivery.retryAfter().compareTo(wait) > 0) {
            wait = delivery.retryAfter();
        }
        restUntil.put(channel, now.plus(wait));
        return new RetryLater(delivery.reason() + "; next try in "
                + (wait.toMillis() < 10_000 ? wait.toMillis() + " ms" : wait.toSeconds() + " s"));
    }

    private Path outbox(String channel) {
        return Path.of(or("camel-monitor.data-dir", "data"), "outbox", channel);
    }

    /** The channel's queued files by name, oldest first (names start with the time queued). */
    private List<String> queued(String channel) {
        try (Stream<Path> files = Files.list(outbox(channel))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".json") && !name.startsWith("."))
                    .sorted(Comparator.naturalOrder()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** When a file was queued: its files are written once, so their time of last change. */
    private Instant queuedAt(String channel, String file) {
        try {
            return Files.getLastModifiedTime(outbox(channel).resolve(file)).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    /** A queued alert behind the oldest; one that cannot be read is left to be refused on its own turn. */
    private java.util.Optional<AlertEvent> read(String channel, String file) {
        try {
            return java.util.Optional.of(AlertJson.read(Files.readString(outbox(channel).resolve(file))));
        } catch (IOException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /** {@code channel.<name>.group-wait}, else {@code channel.group-wait} (ms). */
    Duration groupWait(String channel) {
        return Duration.ofMillis(Long.parseLong(or("channel." + channel + ".group-wait",
                or("channel.group-wait", "10000"))));
    }

    private RateLimit rateLimit(String channel) {
        return RateLimit.parse(or("channel." + channel + ".rate-limit", RateLimit.DEFAULTS.getOrDefault(channel, "")));
    }

    private Duration backOff(int failuresInARow) {
        long first = Long.parseLong(or("channel.retry-delay", "10000"));
        long max = Long.parseLong(or("channel.retry-max-delay", "600000"));
        long wait = first << Math.min(failuresInARow - 1, 20);
        return Duration.ofMillis(Math.min(wait, max));
    }

    private AlertSink build(String channel) {
        String[] problem = problem(channel, CHANNELS, property);
        if (problem != null) {
            throw new IllegalStateException(problem[0] + " " + problem[1]);
        }
        SendContext context = new SendContext(HttpPoster.defaults(), text(channel), clock);
        String p = "channel." + channel + ".";
        return switch (channel) {
            case "wecom" -> new WeComSink(or(p + "base-url", WeComSink.DEFAULT_BASE_URL), get(p + "key"), context);
            case "dingtalk" -> new DingTalkSink(or(p + "base-url", DingTalkSink.DEFAULT_BASE_URL),
                    get(p + "access-token"), nullIfBlank(get(p + "secret")), parse(get(p + "at-mobiles")), context);
            case "feishu" -> new FeishuSink(or(p + "base-url", FeishuSink.DEFAULT_BASE_URL), get(p + "hook-id"),
                    nullIfBlank(get(p + "secret")), Boolean.parseBoolean(or(p + "card", "true")), context);
            case "slack" -> new SlackSink(or(p + "base-url", SlackSink.DEFAULT_BASE_URL), get(p + "webhook-path"),
                    context);
            case "webhook" -> new WebhookSink(get(p + "url"), or(p + "method", "POST"), pairs(get(p + "headers"), ":"),
                    or(p + "template", WebhookSink.DEFAULT_TEMPLATE), nullIfBlank(get(p + "secret")), context);
            case "alertmanager" -> new AlertmanagerSink(get(p + "base-url"), pairs(get(p + "labels"), "="),
                    pairs(get(p + "headers"), ":"), context);
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

    /** The channel's language ({@code channel.<name>.language}, else {@code channel.language}) and templates. */
    private AlertText text(String channel) {
        String zone = get("camel-monitor.time-zone");
        Locale locale = Locale.forLanguageTag(or("channel." + channel + ".language", or("channel.language", "zh-CN")));
        ZoneId zoneId = zone.isBlank()
                ? ("zh".equals(locale.getLanguage()) ? ZoneId.of("Asia/Shanghai") : ZoneId.systemDefault())
                : ZoneId.of(zone);
        return new AlertText(locale, zoneId, MessageTemplates.load(Path.of(or("channel.templates", "templates"))),
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
