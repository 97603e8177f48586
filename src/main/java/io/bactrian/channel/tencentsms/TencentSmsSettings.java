package io.bactrian.channel.tencentsms;

import java.util.List;

import io.bactrian.channel.ChannelSettings;
import io.bactrian.channel.SettingProblem;
import io.bactrian.channel.SmsSettings;

/**
 * {@code channel.tencent-sms.*}: the API credentials, region, SMS application, signature and
 * template, the numbers (E.164), which of monitor, state, detail fill the template, the
 * longest variable (12 for accounts that are not enterprise-verified), the service's address.
 */
public record TencentSmsSettings(String secretId, String secretKey, String region, String sdkAppId, String signName,
                                 String templateId, List<String> phoneNumbers, List<String> templateParams,
                                 String maxParamChars, String baseUrl) implements ChannelSettings {

    @Override
    public List<SettingProblem> validate() {
        return SmsSettings.validate(maxParamChars);
    }

    @Override
    public String toString() {
        return "TencentSms[app " + sdkAppId + ", template " + templateId + ", " + phoneNumbers.size()
                + " numbers, credentials hidden]";
    }
}
