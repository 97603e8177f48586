package io.bactrian.channel;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A channel's properties, read by setting name under its prefix ({@code get("key")} reads
 * {@code channel.wecom.key}), each value stripped, "" when not set.
 *
 * @param property a property's value by its whole key, or "" (or null) when it is not set
 */
public record ChannelProperties(String prefix, Function<String, String> property) {

    /** The property of this channel's setting. */
    public String get(String setting) {
        return global(prefix + setting);
    }

    /** The setting, or {@code fallback} when it is not set. */
    public String or(String setting, String fallback) {
        String value = get(setting);
        return value.isEmpty() ? fallback : value;
    }

    /** The setting as a comma list, e.g. {@code +8613800000000, +8613900000000}. */
    public List<String> list(String setting) {
        return commaList(get(setting));
    }

    /** The setting as {@code Name: value; Name2: value2} ({@code separator} ":") or {@code key=value, key2=value2} ("="). */
    public Map<String, String> pairs(String setting, String separator) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : get(setting).split(":".equals(separator) ? ";" : ",")) {
            int at = pair.indexOf(separator);
            if (at > 0) {
                map.put(pair.substring(0, at).strip(), pair.substring(at + 1).strip());
            }
        }
        return map;
    }

    /** A property outside the channel's prefix, by its whole key. */
    public String global(String key) {
        String value = property.apply(key);
        return value == null ? "" : value.strip();
    }

    /** The names of a comma list such as {@code wecom, dingtalk}. */
    public static List<String> commaList(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
