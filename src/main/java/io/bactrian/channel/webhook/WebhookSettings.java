package io.bactrian.channel.webhook;

import java.util.Map;

import io.bactrian.channel.ChannelSettings;

/**
 * {@code channel.webhook.*}: any HTTP receiver's URL, the method, headers
 * ({@code Name: value; Name2: value}), the body template (empty: the Alertmanager webhook
 * shape) and the secret that signs the body (X-Signature).
 */
public record WebhookSettings(String url, String method, Map<String, String> headers, String template, String secret)
        implements ChannelSettings {

    @Override
    public String toString() {
        return "Webhook[" + method + ", " + headers.size() + " headers, URL and secret hidden]";
    }
}
