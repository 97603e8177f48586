package io.bactrian.channel.aliyunsms;

import java.util.List;

import io.bactrian.channel.AlertSink;
import io.bactrian.channel.Channel;
import io.bactrian.channel.ChannelProperties;
import io.bactrian.channel.SendContext;
import io.bactrian.channel.Setting;
import io.bactrian.channel.SmsSettings;

/** Alibaba Cloud SMS. */
public final class AliyunSmsChannel implements Channel<AliyunSmsSettings> {

    @Override
    public String name() {
        return "aliyun-sms";
    }

    @Override
    public List<Setting> settings() {
        return List.of(Setting.required("access-key-id"), Setting.requiredSecret("access-key-secret"),
                Setting.required("sign-name"), Setting.required("template-code"), Setting.required("phone-numbers"),
                Setting.optional("template-params"), Setting.optional("max-param-chars"), Setting.optional("base-url"));
    }

    /** One message per number a minute, the service's default frequency limit. */
    @Override
    public String rateLimit() {
        return "1/1m";
    }

    @Override
    public AliyunSmsSettings read(ChannelProperties p) {
        return new AliyunSmsSettings(p.get("access-key-id"), p.get("access-key-secret"), p.get("sign-name"),
                p.get("template-code"), p.list("phone-numbers"),
                SmsSettings.templateParams(p),
                p.or("max-param-chars", "20"), p.or("base-url", AliyunSmsSink.DEFAULT_BASE_URL));
    }

    @Override
    public AlertSink sink(AliyunSmsSettings s, SendContext context) {
        return new AliyunSmsSink(s.baseUrl(), new AliyunSmsSink.Settings(s.accessKeyId(), s.accessKeySecret(),
                s.signName(), s.templateCode(), s.phoneNumbers(), s.templateParams(),
                Integer.parseInt(s.maxParamChars())), context);
    }
}
