package io.bactrian.probe.speedtest;

import java.util.ArrayList;
import java.util.List;

import io.bactrian.core.Problem;
import io.bactrian.core.SettingsCheck;
import org.apache.camel.spi.PropertiesComponent;

/** The most a caller of the probe API may ask for ({@link ProbeLimits}). */
public final class ProbeApiSettingsCheck implements SettingsCheck {
    @Override
    public List<Problem> problems(PropertiesComponent properties) {
        List<Problem> problems = new ArrayList<>();
        SettingsCheck.wholeNumber(properties, "probe-api.max-body-bytes", 1, problems);
        SettingsCheck.positiveDuration(properties, "probe-api.max-timeout", "30s", problems);
        SettingsCheck.wholeNumber(properties, "probe-api.max-redirects", 0, problems);
        return problems;
    }
}
