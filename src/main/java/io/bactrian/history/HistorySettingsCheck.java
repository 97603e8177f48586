package io.bactrian.history;

import java.util.ArrayList;
import java.util.List;

import io.bactrian.core.Problem;
import io.bactrian.core.SettingsCheck;
import org.apache.camel.spi.PropertiesComponent;

/** history.retention and history.prune-interval are durations, history.queue-size a count of rows. */
public final class HistorySettingsCheck implements SettingsCheck {
    @Override
    public List<Problem> problems(PropertiesComponent properties) {
        List<Problem> problems = new ArrayList<>();
        SettingsCheck.positiveDuration(properties, "history.retention", "30d", problems);
        SettingsCheck.positiveDuration(properties, "history.prune-interval", "1h", problems);
        SettingsCheck.wholeNumber(properties, "history.queue-size", 1, problems);
        return problems;
    }
}
