package io.bactrian.core;

import java.time.Duration;
import java.util.List;

/** How long, as people say it: in alerts and in the lag report alike. */
public final class HumanDuration {
    private HumanDuration() {
    }

    /** "2h 5m", "3m 20s", "12s". */
    public static String of(Duration d) {
        return of(d, List.of("d", "h", "m", "s"), " ");
    }

    /** As {@link #of(Duration)} in other words for day, hour, minute and second: "2小时5分". */
    public static String of(Duration d, List<String> units, String space) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + units.get(3);
        }
        if (s < 3600) {
            return s / 60 + units.get(2) + space + s % 60 + units.get(3);
        }
        if (s < 86400) {
            return s / 3600 + units.get(1) + space + s % 3600 / 60 + units.get(2);
        }
        return s / 86400 + units.get(0) + space + s % 86400 / 3600 + units.get(1);
    }
}
