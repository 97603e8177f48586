package io.bactrian.channel;

import java.util.Map;

/**
 * A channel as it is configured, for the API to list: whether it can send, and which of its
 * settings are set, a secret's value only as ******.
 *
 * @param name     as {@code alert.channels} names it, e.g. wecom
 * @param kind     the service it sends to; each kind is one channel
 * @param enabled  whether every setting it needs is set
 * @param problem  what is missing when not enabled, e.g. {@code channel.wecom.key is not set}; null when none
 * @param settings the settings that are set, by their keys
 */
public record ChannelSetUp(String name, String kind, boolean enabled, String problem, Map<String, String> settings) {
    public static final String HIDDEN = "******";
}
