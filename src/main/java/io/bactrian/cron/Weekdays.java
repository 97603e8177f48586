package io.bactrian.cron;

import java.util.StringJoiner;
import java.util.stream.IntStream;

/** Crontab counts weekdays 0-7 with 0 and 7 both Sunday; Quartz counts 1-7 from Sunday. */
final class Weekdays {

    private Weekdays() {
    }

    static int toQuartz(int day) {
        return day % 7 + 1;
    }

    /**
     * Writes a set of crontab weekdays as Quartz numbers. Ranges are rebuilt from the set because
     * a crontab range can wrap once shifted (5-7 is FRI,SAT,SUN, which would be 6-1 in Quartz).
     */
    static String toQuartz(IntStream days) {
        boolean[] on = new boolean[8];
        days.forEach(day -> on[toQuartz(day)] = true);
        StringJoiner out = new StringJoiner(",");
        for (int day = 1; day <= 7; day++) {
            if (!on[day]) {
                continue;
            }
            int end = day;
            while (end < 7 && on[end + 1]) {
                end++;
            }
            out.add(end == day ? String.valueOf(day) : day + "-" + end);
            day = end;
        }
        return out.toString();
    }
}
