package io.bactrian.channel.dingtalk;

import java.util.List;

import io.bactrian.channel.ChannelSettings;

/**
 * {@code channel.dingtalk.*}: the robot's access_token, its secret (SEC...) when 加签 is on,
 * the mobile numbers to @, the service's address.
 */
public record DingTalkSettings(String accessToken, String secret, List<String> atMobiles, String baseUrl)
        implements ChannelSettings {

    @Override
    public String toString() {
        return "DingTalk[" + atMobiles.size() + " to @, token hidden]";
    }
}
