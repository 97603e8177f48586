package io.bactrian.channel;

import java.util.ArrayList;
import java.util.List;

/**
 * One kind of alert channel, all it knows in one place: its name, the settings it reads (under
 * {@link #prefix}), which of them it cannot do without and which are secret, the rate limit of
 * its service, and the sink that sends to it. Delivery (queue, grouping, back-off) is the same
 * for every channel and lives in {@link ChannelSenders}.
 *
 * @param <S> its settings, read from the properties
 */
public interface Channel<S extends ChannelSettings> {

    /** As named in {@code alert.channels}, e.g. {@code wecom}. */
    String name();

    /** Where its settings are: {@code channel.<name>.}; mail keeps its {@code mail.*} keys. */
    default String prefix() {
        return "channel." + name() + ".";
    }

    /** Its own settings, beside the delivery settings every channel has ({@link DeliverySettings}). */
    List<Setting> settings();

    /** At most this many messages per period unless {@code channel.<name>.rate-limit} says otherwise, e.g. 20/1m; "" for none. */
    default String rateLimit() {
        return "";
    }

    /**
     * Whether alerts queued together go out as one message even without a group-wait: a chat
     * channel sends its backlog so; mail sends each alert's own mail, as mail.group-wait = 0 promises.
     */
    default boolean groupsBacklog() {
        return true;
    }

    /** Its settings as the properties give them. */
    S read(ChannelProperties properties);

    /** The sink sending to the service with these settings. */
    AlertSink sink(S settings, SendContext context);

    /** The sink built from the properties. */
    default AlertSink sink(ChannelProperties properties, SendContext context) {
        return sink(read(properties), context);
    }

    /** The first required setting that is not set, or null when none. */
    default String unset(ChannelProperties properties) {
        for (Setting setting : settings()) {
            if (setting.required() && properties.get(setting.name()).isEmpty()) {
                return prefix() + setting.name();
            }
        }
        return null;
    }

    /** The values of its secret settings that are set: never in a log line or the alert queue. */
    default List<String> secrets(ChannelProperties properties) {
        return settings().stream().filter(Setting::secret).map(s -> properties.get(s.name()))
                .filter(v -> !v.isEmpty()).toList();
    }

    /** What is wrong with the values that are set, each {@code [key, message]}. */
    default List<String[]> problems(ChannelProperties properties) {
        List<String[]> problems = new ArrayList<>();
        for (SettingProblem p : read(properties).validate()) {
            problems.add(new String[] {prefix() + p.setting(), p.message()});
        }
        return problems;
    }
}
