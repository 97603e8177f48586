package io.bactrian.channel.slack;

import io.bactrian.channel.ChannelSettings;

/** {@code channel.slack.*}: the incoming webhook's path, /services/T.../B.../..., and the service's address. */
public record SlackSettings(String webhookPath, String baseUrl) implements ChannelSettings {

    @Override
    public String toString() {
        return "Slack[webhook hidden]";
    }
}
