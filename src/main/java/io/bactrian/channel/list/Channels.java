package io.bactrian.channel.list;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.bactrian.channel.Channel;
import io.bactrian.channel.ChannelProperties;
import io.bactrian.channel.ChannelSenders;
import io.bactrian.channel.DeliverySettings;
import io.bactrian.channel.alertmanager.AlertmanagerChannel;
import io.bactrian.channel.aliyunsms.AliyunSmsChannel;
import io.bactrian.channel.dingtalk.DingTalkChannel;
import io.bactrian.channel.feishu.FeishuChannel;
import io.bactrian.channel.mail.MailChannel;
import io.bactrian.channel.slack.SlackChannel;
import io.bactrian.channel.tencentsms.TencentSmsChannel;
import io.bactrian.channel.webhook.WebhookChannel;
import io.bactrian.channel.wecom.WeComChannel;

/** Every alert channel there is: adding one is a package of its own and a line here. */
public final class Channels {
    public static final List<Channel<?>> ALL = List.of(new MailChannel(), new WeComChannel(), new DingTalkChannel(),
            new FeishuChannel(), new SlackChannel(), new WebhookChannel(), new AlertmanagerChannel(),
            new TencentSmsChannel(), new AliyunSmsChannel());
    /** Their names, as {@code alert.channels} lists them. */
    public static final List<String> NAMES = ALL.stream().map(Channel::name).toList();

    private Channels() {
    }

    /** The channel named so, or null. */
    public static Channel<?> named(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * What keeps a listed channel from being built: the property to set, or null when nothing.
     *
     * @param listedIn the property that lists the channel, e.g. {@code alert.channels.shop}, or
     *                 the route's sink, e.g. {@code kamelet:channel-sink}
     * @return {@code [key, message]} or null
     */
    public static String[] problem(String channel, String listedIn, Function<String, String> property) {
        Channel<?> known = named(channel);
        if (known == null) {
            return new String[] {listedIn, "unknown channel '" + channel + "'; known: "
                    + String.join(", ", NAMES.stream().sorted().toList())};
        }
        return ChannelSenders.problem(known, channel, listedIn, property);
    }

    /**
     * What is wrong with the channels' settings that are set, whether a channel is listed or
     * not: each channel's own, their delivery settings, the severities among {@code keys}.
     */
    public static List<String[]> problems(java.util.Collection<String> keys, Function<String, String> property) {
        List<String[]> problems = new ArrayList<>(DeliverySettings.problems(ALL, property));
        problems.addAll(ChannelSenders.severityProblems(keys, property));
        for (Channel<?> channel : ALL) {
            problems.addAll(channel.problems(new ChannelProperties(channel.prefix(), property)));
        }
        return problems;
    }
}
