package io.bactrian.config;

import java.util.ArrayList;
import java.util.List;

import io.bactrian.core.Problem;
import io.bactrian.core.SettingsCheck;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The JVM decodes -D options and environment variables in its locale's charset before any
 * code sees them: under a C or POSIX locale every Chinese character is already lost (U+FFFD).
 */
final class UndecodedValues implements SettingsCheck {
    @Override
    public List<Problem> problems(PropertiesComponent properties) {
        List<Problem> problems = new ArrayList<>();
        for (String key : properties.loadPropertiesAsMap().keySet().stream().map(String::valueOf).sorted().toList()) {
            if (SettingsCheck.value(properties, key, "").indexOf('\uFFFD') >= 0) {
                problems.add(SettingsCheck.problem(key, "its -D or environment value holds characters the JVM could not"
                        + " decode in its locale (" + System.getProperty("sun.jnu.encoding")
                        + "): start it with a UTF-8 locale, e.g. LANG=C.UTF-8"));
            }
        }
        return problems;
    }
}
