package io.bactrian.cron;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

import io.bactrian.core.Problem;
import io.bactrian.core.SettingsCheck;
import org.apache.camel.spi.PropertiesComponent;

/** bactrian.time-zone, the zone of the cron expressions and the alert texts: empty, or one Java knows. */
public final class TimeZoneSettingsCheck implements SettingsCheck {
    static final String KEY = "bactrian.time-zone";

    @Override
    public List<Problem> problems(PropertiesComponent properties) {
        String zone = SettingsCheck.value(properties, KEY, "");
        if (!zone.isBlank()) {
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                return List.of(SettingsCheck.problem(KEY, "unknown time zone '" + zone + "'"));
            }
        }
        return List.of();
    }
}
