package io.bactrian.cron;

import java.util.ArrayList;
import java.util.List;

import io.bactrian.core.Durations;
import io.bactrian.core.Problem;
import io.bactrian.core.SettingsCheck;
import io.bactrian.store.Database;
import org.apache.camel.spi.PropertiesComponent;

/**
 * cluster.enabled needs the PostgreSQL database the replicas share; the check-in interval is
 * at least a second, as Quartz's clustered job store wants it ({@link QuartzCluster}).
 */
public final class ClusterSettingsCheck implements SettingsCheck {
    @Override
    public List<Problem> problems(PropertiesComponent properties) {
        List<Problem> problems = new ArrayList<>();
        String enabled = SettingsCheck.value(properties, "cluster.enabled", "false").strip();
        if (!enabled.equals("true") && !enabled.equals("false")) {
            problems.add(SettingsCheck.problem("cluster.enabled", "must be true or false, not '" + enabled + "'"));
        }
        String checkin = SettingsCheck.value(properties, QuartzCluster.CHECKIN_INTERVAL, "5s").strip();
        try {
            if (Durations.positive(QuartzCluster.CHECKIN_INTERVAL, checkin).toMillis() < 1000) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            problems.add(SettingsCheck.problem(QuartzCluster.CHECKIN_INTERVAL,
                    "must be a duration of at least 1s (or 1000 milliseconds), not '" + checkin + "'"));
        }
        if (enabled.equals("true") && !Database.of(properties).postgres()) {
            problems.add(SettingsCheck.problem("history.jdbc-url", "cluster.enabled needs the PostgreSQL database"
                    + " the instances share here (jdbc:postgresql://host:5432/db)"));
        }
        return problems;
    }
}
