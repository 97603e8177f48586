package io.bactrian.channel.wecom;

import java.util.ArrayList;
import java.util.List;

import io.bactrian.channel.ChannelSettings;
import io.bactrian.channel.SettingProblem;

/** {@code channel.wecom.*}: the robot's key (the key=... of its webhook URL), the message format, the service's address. */
public record WeComSettings(String key, String format, String baseUrl) implements ChannelSettings {

    @Override
    public List<SettingProblem> validate() {
        List<SettingProblem> problems = new ArrayList<>();
        try {
            WeComSink.Format.of(format);
        } catch (IllegalArgumentException e) {
            problems.add(new SettingProblem("format", e.getMessage()));
        }
        return problems;
    }

    @Override
    public String toString() {
        return "WeCom[" + format + ", key hidden]";
    }
}
