package io.bactrian.probe.speedtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.bactrian.core.Problem;
import io.bactrian.core.SettingsCheck;
import org.apache.camel.spi.PropertiesComponent;

/** The probe API's token and the most a caller may ask for ({@link ProbeLimits}). */
public final class ProbeApiSettingsCheck implements SettingsCheck {
    public static final String TOKEN = "probe-api.token";
    public static final String ALLOW_PRIVATE_TARGETS = "probe-api.allow-private-targets";
    public static final String MAX_BODY_BYTES = "probe-api.max-body-bytes";
    public static final String MAX_TIMEOUT = "probe-api.max-timeout";
    public static final String MAX_REDIRECTS = "probe-api.max-redirects";

    @Override
    public List<Problem> problems(PropertiesComponent properties) {
        List<Problem> problems = new ArrayList<>();
        SettingsCheck.wholeNumber(properties, MAX_BODY_BYTES, 1, problems);
        SettingsCheck.positiveDuration(properties, MAX_TIMEOUT, "30s", problems);
        SettingsCheck.wholeNumber(properties, MAX_REDIRECTS, 0, problems);
        return problems;
    }

    @Override
    public Set<String> keys() {
        return Set.of(TOKEN, ALLOW_PRIVATE_TARGETS, MAX_BODY_BYTES, MAX_TIMEOUT, MAX_REDIRECTS);
    }
}
