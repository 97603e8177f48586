package io.bactrian.channel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

import io.bactrian.core.Durations;

/**
 * How every channel is delivered, whatever the service: the waits ({@code group-wait},
 * {@code retry-delay}, {@code retry-max-delay}, {@code timeout}: 10s, 500ms, or milliseconds), the rate
 * limit and the language. Each is read as {@code channel.<name>.<setting>}, else under the
 * channel's own prefix where that differs ({@code mail.group-wait}), else
 * {@code channel.<setting>}, else the default.
 */
public final class DeliverySettings {
    /** The waits a channel may override. */
    private static final List<String> WAITS = List.of("group-wait", "retry-delay", "retry-max-delay", "timeout");
    /** Every setting a channel may override as channel.<name>.<setting>, besides its own. */
    public static final List<String> PER_CHANNEL = Stream.concat(WAITS.stream(), Stream.of("rate-limit", "language"))
            .toList();

    private final ChannelProperties properties;
    /** Each channel's waits, read on its first use: a poll does not parse them again. */
    private final Map<String, Waits> waits = new ConcurrentHashMap<>();

    public DeliverySettings(Function<String, String> property) {
        this.properties = new ChannelProperties("", property);
    }

    /** A channel's waits as read. */
    private record Waits(Duration groupWait, Duration retryDelay, Duration retryMaxDelay, Duration timeout) {
    }

    private Waits waits(Channel<?> channel) {
        return waits.computeIfAbsent(channel.name(), name -> new Waits(
                Durations.zeroOrMore("group-wait", setting(channel, "group-wait", "10s")),
                Durations.zeroOrMore("retry-delay", setting(channel, "retry-delay", "10s")),
                Durations.zeroOrMore("retry-max-delay", setting(channel, "retry-max-delay", "10m")),
                Durations.positive("timeout", setting(channel, "timeout", "10s"))));
    }

    private String setting(Channel<?> channel, String key, String fallback) {
        String general = properties.or("channel." + key, fallback);
        String own = channel.prefix().equals("channel." + channel.name() + ".") ? general
                : properties.or(channel.prefix() + key, general);
        return properties.or("channel." + channel.name() + "." + key, own);
    }

    /** How long the oldest alert waits for others to go out with it. */
    Duration groupWait(Channel<?> channel) {
        return waits(channel).groupWait();
    }

    RateLimit rateLimit(Channel<?> channel) {
        return RateLimit.parse(properties.or("channel." + channel.name() + ".rate-limit", channel.rateLimit()));
    }

    /** The rest after {@code failuresInARow} failed attempts: retry-delay, doubled each time, at most retry-max-delay. */
    Duration backOff(Channel<?> channel, int failuresInARow) {
        Waits w = waits(channel);
        long wait = w.retryDelay().toMillis() << Math.min(failuresInARow - 1, 20);
        return Duration.ofMillis(Math.min(wait, w.retryMaxDelay().toMillis()));
    }

    /** Requests that take at most the channel's timeout in all, at most 5 s of it to connect. */
    HttpPoster poster(Channel<?> channel) {
        Duration timeout = waits(channel).timeout();
        Duration connect = Duration.ofSeconds(5);
        return new HttpPoster(timeout.compareTo(connect) < 0 ? timeout : connect, timeout);
    }

    /** The channel's language ({@code channel.<name>.language}, else {@code channel.language}) and templates. */
    AlertText text(Channel<?> channel) {
        Locale locale = Locale.forLanguageTag(properties.or("channel." + channel.name() + ".language",
                properties.or("channel.language", "zh-CN")));
        return new AlertText(locale, AlertText.zone(properties.get("bactrian.time-zone"), locale),
                MessageTemplates.load(Path.of(properties.or("channel.templates", "templates"))), channel.name());
    }

    /**
     * What is wrong with the delivery settings of {@code channels} and those all share
     * ({@code channel.poll-delay}, {@code channel.lease}): {@code [key, message]} each.
     */
    public static List<String[]> problems(List<Channel<?>> channels, Function<String, String> property) {
        ChannelProperties p = new ChannelProperties("", property);
        List<String> waits = new ArrayList<>(List.of("channel.poll-delay", "channel.lease"));
        for (String key : WAITS) {
            waits.add("channel." + key);
            for (Channel<?> channel : channels) {
                waits.add("channel." + channel.name() + "." + key);
                if (!channel.prefix().equals("channel." + channel.name() + ".")) {
                    waits.add(channel.prefix() + key);
                }
            }
        }
        List<String[]> problems = new ArrayList<>();
        for (String key : waits) {
            String problem = waitProblem(p.get(key), key.endsWith(".timeout"));
            if (problem != null) {
                problems.add(new String[] {key, problem});
            }
        }
        for (Channel<?> channel : channels) {
            String key = "channel." + channel.name() + ".rate-limit";
            try {
                RateLimit.parse(p.get(key));
            } catch (IllegalArgumentException e) {
                problems.add(new String[] {key, e.getMessage()});
            }
        }
        return problems;
    }

    /**
     * What is wrong with a wait (10s, 500ms, or milliseconds), or null when nothing: empty is not set.
     *
     * @param positive whether 0 is wrong (a timeout or an interval)
     */
    public static String waitProblem(String value, boolean positive) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            boolean zero = Durations.zeroOrMore("", value).isZero(); // read first: it is the check of the text
            return positive && zero ? "must be at least 1 ms" : null;
        } catch (IllegalArgumentException e) {
            return "'" + value + "' is not a wait such as 10s, 500ms or 10000 (ms)";
        }
    }

    /** A wait (10s, 500ms, or milliseconds), {@code fallback} when not set. */
    public static Duration millis(String value, long fallback) {
        return value.isEmpty() ? Duration.ofMillis(fallback) : Durations.zeroOrMore("", value);
    }
}
