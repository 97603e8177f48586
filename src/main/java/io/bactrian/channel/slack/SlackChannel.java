package io.bactrian.channel.slack;

import java.util.List;

import io.bactrian.channel.AlertSink;
import io.bactrian.channel.Channel;
import io.bactrian.channel.ChannelProperties;
import io.bactrian.channel.SendContext;
import io.bactrian.channel.Setting;

/** Slack incoming webhook. */
public final class SlackChannel implements Channel<SlackSettings> {

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public List<Setting> settings() {
        return List.of(Setting.requiredSecret("webhook-path"), Setting.optional("base-url"));
    }

    /** Slack's published limit for incoming webhooks: one message a second. */
    @Override
    public String rateLimit() {
        return "1/1s";
    }

    @Override
    public SlackSettings read(ChannelProperties p) {
        return new SlackSettings(p.get("webhook-path"), p.or("base-url", SlackSink.DEFAULT_BASE_URL));
    }

    @Override
    public AlertSink sink(SlackSettings s, SendContext context) {
        return new SlackSink(s.baseUrl(), s.webhookPath(), context);
    }
}
