package io.bactrian.channel.aliyunsms;

import java.util.List;

import io.bactrian.channel.ChannelSettings;
import io.bactrian.channel.SettingProblem;
import io.bactrian.channel.SmsSettings;

/**
 * {@code channel.aliyun-sms.*}: the AccessKey, signature and template, the numbers, the
 * template's ${variables} (from monitor, state, detail), the longest variable, the service's address.
 */
public record AliyunSmsSettings(String accessKeyId, String accessKeySecret, String signName, String templateCode,
                                List<String> phoneNumbers, List<String> templateParams, String maxParamChars,
                                String baseUrl) implements ChannelSettings {

    @Override
    public List<SettingProblem> validate() {
        return SmsSettings.validate(maxParamChars);
    }

    @Override
    public String toString() {
        return "AliyunSms[template " + templateCode + ", " + phoneNumbers.size() + " numbers, credentials hidden]";
    }
}
