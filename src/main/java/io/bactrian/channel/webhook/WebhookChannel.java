package io.bactrian.channel.webhook;

import java.util.List;

import io.bactrian.channel.AlertSink;
import io.bactrian.channel.Channel;
import io.bactrian.channel.ChannelProperties;
import io.bactrian.channel.SendContext;
import io.bactrian.channel.Setting;

/** Any HTTP receiver: one request per alert, no rate limit of its own. */
public final class WebhookChannel implements Channel<WebhookSettings> {

    @Override
    public String name() {
        return "webhook";
    }

    /** The URL may hold a token, the headers an Authorization. */
    @Override
    public List<Setting> settings() {
        return List.of(Setting.requiredSecret("url"), Setting.optional("method"), Setting.optionalSecret("headers"),
                Setting.optional("template"), Setting.optionalSecret("secret"));
    }

    @Override
    public WebhookSettings read(ChannelProperties p) {
        return new WebhookSettings(p.get("url"), p.or("method", "POST"), p.pairs("headers", ":"),
                p.or("template", WebhookSink.DEFAULT_TEMPLATE), p.get("secret"));
    }

    @Override
    public AlertSink sink(WebhookSettings s, SendContext context) {
        return new WebhookSink(s.url(), s.method(), s.headers(), s.template(), s.secret().isEmpty() ? null : s.secret(),
                context);
    }
}
