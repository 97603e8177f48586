package io.bactrian.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.bactrian.core.PropertiesFile;
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
     * spelling in {@code file} or the channels.properties beside it.
     *
     * @return one warning per old key in use
     */
    public static List<String> apply(PropertiesComponent properties, Path file) throws IOException {
        Properties all = new Properties();
        for (Path f : new Path[] {file, PropertiesFile.channels(file)}) {
            if (f != null && Files.isRegularFile(f)) {
                try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    all.load(in);
                }
            }
        }
        List<String> warnings = new ArrayList<>();
        all.forEach((key, value) -> {
            String name = String.valueOf(key);
            if (name.startsWith(OLD_KEY)) {
                String now = NEW_KEY + name.substring(OLD_KEY.length());
                warnings.add(name + " is now " + now + "; the old name is read until the next release");
                if (!all.containsKey(now)) {
                    properties.addOverrideProperty(now, String.valueOf(value));
                }
            }
        });
        return warnings;
    }

    /** The environment variable {@code name} (BACTRIAN_...), else its old CAMEL_MONITOR_... spelling; null if neither. */
    public static String variable(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value != null || !name.startsWith(NEW_VARIABLE) ? value
                : environment.get(OLD_VARIABLE + name.substring(NEW_VARIABLE.length()));
    }
}
