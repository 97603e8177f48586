package io.bactrian.channel.tencentsms;

import java.util.List;

import io.bactrian.channel.AlertSink;
import io.bactrian.channel.Channel;
import io.bactrian.channel.ChannelProperties;
import io.bactrian.channel.SendContext;
import io.bactrian.channel.Setting;
import io.bactrian.channel.SmsSettings;

/** Tencent Cloud SMS. */
public final class TencentSmsChannel implements Channel<TencentSmsSettings> {

    @Override
    public String name() {
        return "tencent-sms";
    }

    @Override
    public List<Setting> settings() {
        return List.of(Setting.required("secret-id"), Setting.requiredSecret("secret-key"), Setting.optional("region"),
                Setting.required("sdk-app-id"), Setting.required("sign-name"), Setting.required("template-id"),
                Setting.required("phone-numbers"), Setting.optional("template-params"),
                Setting.optional("max-param-chars"), Setting.optional("base-url"));
    }

    /** One message per number every 30 s, the service's default frequency limit. */
    @Override
    public String rateLimit() {
        return "1/30s";
    }

    @Override
    public TencentSmsSettings read(ChannelProperties p) {
        return new TencentSmsSettings(p.get("secret-id"), p.get("secret-key"), p.or("region", "ap-guangzhou"),
                p.get("sdk-app-id"), p.get("sign-name"), p.get("template-id"), p.list("phone-numbers"),
                SmsSettings.templateParams(p),
                p.or("max-param-chars", "12"), p.or("base-url", TencentSmsSink.DEFAULT_BASE_URL));
    }

    @Override
    public AlertSink sink(TencentSmsSettings s, SendContext context) {
        return new TencentSmsSink(s.baseUrl(), new TencentSmsSink.Settings(s.secretId(), s.secretKey(), s.region(),
                s.sdkAppId(), s.signName(), s.templateId(), s.phoneNumbers(), s.templateParams(),
                Integer.parseInt(s.maxParamChars())), context);
    }
}
