package io.bactrian.channel;

import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import io.bactrian.alert.AlertEvent;

/**
 * Routing and delivery of alerts: which channels an alert is queued for ({@code alert.channels}
 * and its variants), and sending each channel's queue through the sink its {@link Channel}
 * builds on first use from its properties. The delivery route calls {@link #deliver} for each
 * channel with alerts waiting in the {@link AlertQueue}. A channel whose last attempt asked to retry rests until its
 * back-off is over, so later alerts never overtake earlier ones.
 */
public class ChannelSenders {
    public static final String CHANNELS = "alert.channels";
    public static final String SEVERITY = "alert.severity";
    /** Where alerts go when no list names a channel: a fresh install mails them, or keeps them in the local mailbox. */
    public static final String DEFAULT_CHANNEL = "mail";
    /** The severities a monitor can have, most urgent first. */
    public static final List<String> SEVERITIES = List.of("critical", "warning", "info");

    private final Function<String, String> property;
    private final DeliverySettings settings;
    private final ChannelProperties properties;
    private final Clock clock;
    private final Map<String, Channel<?>> known = new LinkedHashMap<>();
    private final SendContext.Services services;
    private final Map<String, AlertSink> sinks = new ConcurrentHashMap<>();
    private final Map<String, Instant> restUntil = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Map<String, RateLimit> limits = new ConcurrentHashMap<>();
    /** Per channel: a delivery and a re-send of its firing alerts never overlap, so neither overtakes the other. */
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final AlertQueue queue;
    private final Predicate<String> checked;

    /**
     * @param property a property's value, or "" when it is not set
     * @param channels every channel there is
     * @param services what the sinks are built with besides their settings
     * @param checked  whether a monitor is still checked here: the firing alerts of one that is
     *                 not (its route was removed) are not posted again, so they end
     */
    public ChannelSenders(Function<String, String> property, Clock clock, AlertQueue queue, List<Channel<?>> channels,
                          SendContext.Services services, Predicate<String> checked) {
        this.property = property;
        this.settings = new DeliverySettings(property);
        this.properties = new ChannelProperties("", property);
        this.clock = clock;
        this.queue = queue;
        channels.forEach(c -> known.put(c.name(), c));
        this.services = services;
        this.checked = checked;
    }

    /**
     * What keeps a listed channel from being built: the property to set, or null when nothing.
     *
     * @param listedIn the property that lists the channel, e.g. {@code alert.channels.shop}
     * @return {@code [key, message]} or null
     */
    public static String[] problem(Channel<?> channel, String name, String listedIn, Function<String, String> property) {
        if (channel == null) {
            return new String[] {listedIn, "unknown channel '" + name + "'"};
        }
        String unset = channel.unset(new ChannelProperties(channel.prefix(), property));
        return unset == null ? null : new String[] {unset, "is not set: channel '" + name + "' is "
                + (listedIn.startsWith("kamelet:") ? "sent to by " : "listed in ") + listedIn};
    }

    /**
     * What is wrong with the severities ({@code alert.severity[.<monitor>]},
     * {@code alert.channels.severity.<severity>}) among {@code keys}, the properties that are
     * set: {@code [key, message]} each.
     */
    public static List<String[]> severityProblems(java.util.Collection<String> keys, Function<String, String> property) {
        List<String[]> problems = new ArrayList<>();
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
        return problems;
    }

    /**
     * A monitor's severity: {@code alert.severity.<monitor>}, else its route's for a monitor per
     * part ({@code kafka-lag/orders}), else {@code alert.severity}, else critical.
     */
    public String severity(String monitor) {
        int part = monitor.indexOf('/');
        String all = properties.or(SEVERITY, "critical");
        String route = part > 0 ? properties.or(SEVERITY + "." + monitor.substring(0, part), all) : all;
        return properties.or(SEVERITY + "." + monitor, route).toLowerCase(Locale.ROOT);
    }

    /**
     * The channels an alert is queued for, the most specific list that is set:
     * {@code alert.channels.<monitor>.<kind>}, {@code alert.channels.<monitor>},
     * {@code alert.channels.severity.<severity>.<kind>}, {@code alert.channels.severity.<severity>},
     * {@code alert.channels.<kind>}, then {@code alert.channels} (kind in lower case: down,
     * reminder, resolved); when none is set, mail. The value {@code none} sends nothing. A monitor
     * that alerts per part ({@code kafka-lag/orders}) also goes by its route's lists
     * ({@code alert.channels.kafka-lag}).
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
                return value.equals("none") ? List.of() : ChannelProperties.commaList(value);
            }
        }
        return List.of(DEFAULT_CHANNEL);
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
            if (problem(known.get(channel), channel, CHANNELS, property) != null || resting(channel, clock.instant())) {
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
                Delivery delivery = send(channel, sink, group);
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
            return retry(channel, List.of(oldest), redacted(channel, Delivery.retry(e.getMessage())));
        }
        boolean grouping = sink instanceof GroupingSink
                && (known.get(channel).groupsBacklog() || !groupWait(channel).isZero());
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
        Delivery delivery = send(channel, sink, group);
        if (delivery.outcome() == Delivery.Outcome.RETRY) {
            return retry(channel, group, delivery);
        }
        failures.remove(channel);
        return ended(channel, group, delivery);
    }

    /** One alert with its own text, more as one message: the sink of a group takes groups. */
    private Delivery send(String channel, AlertSink sink, List<AlertQueue.Queued> group) {
        Delivery delivery;
        try {
            delivery = group.size() == 1 ? sink.send(group.get(0).event())
                    : ((GroupingSink) sink).send(group.stream().map(AlertQueue.Queued::event).toList());
        } catch (RuntimeException e) {
            delivery = Delivery.retry(e.getMessage());
        }
        return redacted(channel, delivery);
    }

    /** Whatever a service or a failure said, without the channel's secrets. */
    private Delivery redacted(String channel, Delivery delivery) {
        Channel<?> known = this.known.get(channel);
        return known == null || delivery.reason() == null ? delivery : delivery.redact(known.secrets(new ChannelProperties(known.prefix(), property)));
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
        Duration wait = settings.backOff(known.get(channel), n);
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

    /** How long the oldest alert waits for others to go out with it. */
    Duration groupWait(String channel) {
        return settings.groupWait(known.get(channel));
    }

    private RateLimit rateLimit(String channel) {
        return settings.rateLimit(known.get(channel));
    }

    /** The channel's sink, or why it cannot be built. */
    private AlertSink build(String name) {
        return build(name, poster -> poster);
    }

    /** The channel's sink posting with {@code poster} of the channel's own, or why it cannot be built. */
    private AlertSink build(String name, UnaryOperator<HttpPoster> poster) {
        Channel<?> channel = known.get(name);
        String[] problem = problem(channel, name, CHANNELS, property);
        if (problem != null) {
            throw new IllegalStateException(problem[0] + " " + problem[1]);
        }
        SendContext context = new SendContext(poster.apply(settings.poster(channel)), settings.text(channel), clock, services);
        return channel.sink(new ChannelProperties(channel.prefix(), property), context);
    }

    /** Every channel there is, as its settings have it now; secrets as {@link ChannelSetUp#HIDDEN}. */
    public List<ChannelSetUp> setUp() {
        List<ChannelSetUp> all = new ArrayList<>();
        for (Channel<?> channel : known.values()) {
            String[] problem = problem(channel, channel.name(), CHANNELS, property);
            ChannelProperties own = new ChannelProperties(channel.prefix(), property);
            Map<String, String> set = new LinkedHashMap<>();
            for (Setting setting : channel.settings()) {
                String value = own.get(setting.name());
                if (!value.isEmpty()) {
                    set.put(channel.prefix() + setting.name(), setting.secret() ? ChannelSetUp.HIDDEN : withoutLogin(value));
                }
            }
            all.add(new ChannelSetUp(channel.name(), channel.name(), problem == null,
                    problem == null ? null : problem[0] + " is not set", set));
        }
        return all;
    }

    /** A URL's user and password, as in {@code https://user:pass@am:9093}, shown as {@code ******}. */
    static String withoutLogin(String value) {
        try {
            URI uri = URI.create(value.strip());
            return uri.getRawUserInfo() == null ? value : value.replace(uri.getRawUserInfo(), ChannelSetUp.HIDDEN);
        } catch (IllegalArgumentException notUrl) {
            return value;
        }
    }

    /**
     * Sends {@code event} through the channel now, with a sink of its own: not queued, not
     * rate limited, never resting the channel nor counted as its delivery.
     *
     * @return what the service answered, without the channel's secrets; null for a channel there is not
     */
    public TestSend test(String name, AlertEvent event) {
        Channel<?> channel = known.get(name);
        if (channel == null) {
            return null;
        }
        List<HttpPoster.Reply> heard = new CopyOnWriteArrayList<>();
        String[] problem = problem(channel, name, CHANNELS, property);
        Delivery delivery;
        try {
            delivery = problem != null ? Delivery.permanent(problem[0] + " is not set")
                    : build(name, poster -> poster.hearing(heard::add)).send(event);
        } catch (RuntimeException e) {
            delivery = Delivery.permanent(Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName()));
        }
        List<String> secrets = channel.secrets(new ChannelProperties(channel.prefix(), property));
        return TestSend.of(name, delivery, heard.isEmpty() ? null : heard.get(heard.size() - 1), secrets);
    }
}
