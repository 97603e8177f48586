package io.bactrian.channel.feishu;

import java.util.List;

import io.bactrian.channel.AlertSink;
import io.bactrian.channel.Channel;
import io.bactrian.channel.ChannelProperties;
import io.bactrian.channel.SendContext;
import io.bactrian.channel.Setting;

/** Feishu (飞书) or Lark bot. */
public final class FeishuChannel implements Channel<FeishuSettings> {

    @Override
    public String name() {
        return "feishu";
    }

    @Override
    public List<Setting> settings() {
        return List.of(Setting.requiredSecret("hook-id"), Setting.optionalSecret("secret"), Setting.optional("card"),
                Setting.optional("base-url"));
    }

    /** The bot's published limit: 100 messages a minute. */
    @Override
    public String rateLimit() {
        return "100/1m";
    }

    @Override
    public FeishuSettings read(ChannelProperties p) {
        return new FeishuSettings(p.get("hook-id"), p.get("secret"), p.or("card", "true"),
                p.or("base-url", FeishuSink.DEFAULT_BASE_URL));
    }

    @Override
    public AlertSink sink(FeishuSettings s, SendContext context) {
        return new FeishuSink(s.baseUrl(), s.hookId(), s.secret().isEmpty() ? null : s.secret(),
                Boolean.parseBoolean(s.card()), context);
    }
}
