package io.bactrian.api;

import java.util.List;

/**
 * One setting a monitor of a kind may have, as the kind's steps describe it in their component
 * metadata; the management page makes its form of these.
 *
 * @param name        kebab-case, as written in a monitor list
 * @param type        the metadata's type: string, integer, boolean, duration, enum
 * @param required    whether a monitor must set it (required and no default)
 * @param defaultValue the kind's default: its route's parameter, else the step's own; null for none
 * @param description what it is, as the step describes it; empty when nothing does
 * @param secret      whether it is write-only: never answered, only named
 * @param choices     the values an enum takes, else empty
 */
public record KindSetting(String name, String type, boolean required, String defaultValue, String description,
                          boolean secret, List<String> choices) {
    KindSetting secret(boolean marked) {
        return marked == secret ? this : new KindSetting(name, type, required, defaultValue, description, marked, choices);
    }
}
