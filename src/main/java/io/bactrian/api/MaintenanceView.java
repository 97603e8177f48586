package io.bactrian.api;

import java.time.Instant;
import java.time.ZoneId;

import io.bactrian.alert.MaintenanceWindows;

/**
 * A monitor's maintenance windows as of now, from its {@code maintenance} setting (its entry's,
 * else its file's defaults') in its {@code time-zone}, else the default zone.
 *
 * @param now       whether a window covers this moment
 * @param nextStart when the next window starts; null when none is to come
 */
public record MaintenanceView(boolean now, Instant nextStart) {

    /** The view of the setting; null when there is none, or it does not parse (validate says why). */
    static MaintenanceView of(Object maintenance, Object timeZone, ZoneId defaultZone, Instant at) {
        return MaintenanceWindows.ofSettings(maintenance, timeZone, defaultZone)
                .map(w -> new MaintenanceView(w.covers(at), w.nextStart(at).orElse(null))).orElse(null);
    }
}
