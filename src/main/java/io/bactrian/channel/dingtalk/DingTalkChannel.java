package io.bactrian.channel.dingtalk;

import java.util.List;

import io.bactrian.channel.AlertSink;
import io.bactrian.channel.Channel;
import io.bactrian.channel.ChannelProperties;
import io.bactrian.channel.SendContext;
import io.bactrian.channel.Setting;

/** DingTalk (钉钉) robot. */
public final class DingTalkChannel implements Channel<DingTalkSettings> {

    @Override
    public String name() {
        return "dingtalk";
    }

    @Override
    public List<Setting> settings() {
        return List.of(Setting.requiredSecret("access-token"), Setting.optionalSecret("secret"),
                Setting.optional("at-mobiles"), Setting.optional("base-url"));
    }

    /** The robot's published limit: 20 messages a minute. */
    @Override
    public String rateLimit() {
        return "20/1m";
    }

    @Override
    public DingTalkSettings read(ChannelProperties p) {
        return new DingTalkSettings(p.get("access-token"), p.get("secret"), p.list("at-mobiles"),
                p.or("base-url", DingTalkSink.DEFAULT_BASE_URL));
    }

    @Override
    public AlertSink sink(DingTalkSettings s, SendContext context) {
        return new DingTalkSink(s.baseUrl(), s.accessToken(), s.secret().isEmpty() ? null : s.secret(), s.atMobiles(),
                context);
    }
}
