package io.bactrian.channel;

/**
 * A setting a channel reads, named without its prefix ({@code key} for {@code channel.wecom.key}):
 * whether the channel cannot be built without it, and whether it is a secret (a key, token or
 * password that never shows in a log line, an alert or a message).
 */
public record Setting(String name, boolean required, boolean secret) {

    public static Setting optional(String name) {
        return new Setting(name, false, false);
    }

    public static Setting required(String name) {
        return new Setting(name, true, false);
    }

    public static Setting requiredSecret(String name) {
        return new Setting(name, true, true);
    }

    public static Setting optionalSecret(String name) {
        return new Setting(name, false, true);
    }
}
