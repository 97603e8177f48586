package io.bactrian.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.camel.spi.PropertiesComponent;

/**
 * The settings' names from before the project was renamed (camel-monitor → bactrian), read for
 * one more release so that an upgrade keeps working: {@code camel-monitor.data-dir} as
 * {@code bactrian.data-dir}, {@code CAMEL_MONITOR_FAST_START} as {@code BACTRIAN_FAST_START}.
 * Each use is told in a warning naming the new name.
 */
public final class OldNames {
    private static final String OLD_KEY = "camel-monitor.";
    private static final String NEW_KEY = "bactrian.";
    private static final String OLD_VARIABLE = "CAMEL_MONITOR_";
    private static final String NEW_VARIABLE = "BACTRIAN_";

    private OldNames() {
    }

    /**
     * Sets each {@code bactrian.*} key that is not set from its old {@code camel-monitor.*}
     * spelling among the properties {@code properties} loaded (application.properties, the
     * channels.properties beside it, the overrides): the files are not read again.
     *
     * @return one warning per old key in use
     */
    public static List<String> apply(PropertiesComponent properties) {
        Properties all = properties.loadProperties(key -> key.startsWith(OLD_KEY) || key.startsWith(NEW_KEY));
        Set<String> names = all.stringPropertyNames(); // by name: Camel's Properties hide their entries from forEach and containsKey
        List<String> warnings = new ArrayList<>();
        for (String name : names) {
            if (name.startsWith(OLD_KEY)) {
                String now = NEW_KEY + name.substring(OLD_KEY.length());
                warnings.add(name + " is now " + now + "; the old name is read until the next release");
                if (!names.contains(now)) {
                    properties.addOverrideProperty(now, all.getProperty(name));
                }
            }
        }
        return warnings;
    }

    /** The environment variable {@code name} (BACTRIAN_...), else its old CAMEL_MONITOR_... spelling; null if neither. */
    public static String variable(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value != null || !name.startsWith(NEW_VARIABLE) ? value
                : environment.get(OLD_VARIABLE + name.substring(NEW_VARIABLE.length()));
    }
}
