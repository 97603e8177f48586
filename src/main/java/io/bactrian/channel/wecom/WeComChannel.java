package io.bactrian.channel.wecom;

import java.util.List;

import io.bactrian.channel.AlertSink;
import io.bactrian.channel.Channel;
import io.bactrian.channel.ChannelProperties;
import io.bactrian.channel.SendContext;
import io.bactrian.channel.Setting;

/** WeCom (企业微信) group robot. */
public final class WeComChannel implements Channel<WeComSettings> {

    @Override
    public String name() {
        return "wecom";
    }

    @Override
    public List<Setting> settings() {
        return List.of(Setting.requiredSecret("key"), Setting.optional("format"), Setting.optional("base-url"));
    }

    /** The robot's published limit: 20 messages a minute. */
    @Override
    public String rateLimit() {
        return "20/1m";
    }

    @Override
    public WeComSettings read(ChannelProperties p) {
        return new WeComSettings(p.get("key"), p.or("format", "markdown_v2"), p.or("base-url", WeComSink.DEFAULT_BASE_URL));
    }

    @Override
    public AlertSink sink(WeComSettings s, SendContext context) {
        return new WeComSink(s.baseUrl(), s.key(), WeComSink.Format.of(s.format()), context);
    }
}
