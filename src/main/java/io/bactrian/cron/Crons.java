package io.bactrian.cron;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Translated expressions, one per distinct text: thousands of monitors share a handful of crons. */
final class Crons {
    private static final Map<String, CronSchedule> TRANSLATED = new ConcurrentHashMap<>();

    private Crons() {
    }

    /** The schedule of {@code cron}; a bad expression throws with the field named. */
    static CronSchedule translate(String cron) {
        if (cron == null || cron.isBlank()) {
            throw new IllegalArgumentException("cron is not set");
        }
        CronSchedule known = TRANSLATED.get(cron);
        if (known != null) {
            return known;
        }
        try {
            CronSchedule schedule = CronTranslator.translate(cron);
            TRANSLATED.put(cron, schedule);
            return schedule;
        } catch (CronException e) {
            throw new IllegalArgumentException("cron '" + cron + "': " + e.getMessage(), e);
        }
    }
}
