package io.bactrian.channel.alertmanager;

import java.util.List;

import io.bactrian.channel.AlertSink;
import io.bactrian.channel.Channel;
import io.bactrian.channel.ChannelProperties;
import io.bactrian.channel.SendContext;
import io.bactrian.channel.Setting;

/** Alertmanager API v2: alerts go there to be routed, grouped and silenced by Alertmanager. */
public final class AlertmanagerChannel implements Channel<AlertmanagerSettings> {

    @Override
    public String name() {
        return "alertmanager";
    }

    @Override
    public List<Setting> settings() {
        return List.of(Setting.required("base-url"), Setting.optional("labels"), Setting.optionalSecret("headers"),
                Setting.optional("resend-interval"));
    }

    @Override
    public AlertmanagerSettings read(ChannelProperties p) {
        return new AlertmanagerSettings(p.get("base-url"), p.pairs("labels", "="), p.pairs("headers", ":"),
                p.get("resend-interval"));
    }

    @Override
    public AlertSink sink(AlertmanagerSettings s, SendContext context) {
        return new AlertmanagerSink(s.baseUrl(), s.labels(), s.headers(), s.firingFor(), context);
    }
}
