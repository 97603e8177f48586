package io.bactrian.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import io.bactrian.channel.ChannelProperties;
import io.bactrian.channel.ChannelSenders;
import io.bactrian.channel.MessageTemplates;
import io.bactrian.channel.list.Channels;
import io.bactrian.core.Problem;
import io.bactrian.core.SettingsCheck;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The channels' settings: each channel's own, mail's among them, and how they are delivered
 * ({@link Channels}); every channel {@code alert.channels} and its per-monitor, per-severity and
 * per-kind variants name; and the message templates in the folder {@code channel.templates} names.
 */
final class ChannelSettingsCheck implements SettingsCheck {
    private final CheckContext checks;

    ChannelSettingsCheck(CheckContext checks) {
        this.checks = checks;
    }

    @Override
    public List<Problem> problems(PropertiesComponent properties) {
        List<Problem> problems = new ArrayList<>();
        SortedSet<String> keys = new TreeSet<>(properties.loadPropertiesAsMap().keySet().stream().map(String::valueOf).toList());
        for (String[] problem : Channels.problems(keys, key -> SettingsCheck.value(properties, key, ""))) {
            problems.add(SettingsCheck.problem(problem[0], problem[1]));
        }
        for (String listing : keys.stream().filter(k -> k.equals(ChannelSenders.CHANNELS)
                || k.startsWith(ChannelSenders.CHANNELS + ".")).toList()) {
            String value = SettingsCheck.value(properties, listing, "").strip();
            for (String channel : value.equals("none") ? List.<String>of() : ChannelProperties.commaList(value)) {
                String[] problem = Channels.problem(channel, listing, key -> SettingsCheck.value(properties, key, ""));
                if (problem != null) {
                    problems.add(SettingsCheck.problem(problem[0], problem[1]));
                }
            }
        }
        Path templates = checks.base.resolve(SettingsCheck.value(properties, "channel.templates", "templates"));
        for (String[] problem : MessageTemplates.problems(templates, Channels.NAMES)) {
            problems.add(new Problem(checks.name(Path.of(problem[0])), null, problem[1], problem[2]));
        }
        return problems;
    }
}
