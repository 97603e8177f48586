package io.bactrian.channel.alertmanager;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.bactrian.channel.ChannelSettings;
import io.bactrian.channel.DeliverySettings;
import io.bactrian.channel.SettingProblem;

/**
 * {@code channel.alertmanager.*}: Alertmanager's address (API v2), labels added to every alert
 * ({@code severity=page, team=web}), headers ({@code Name: value; Name2: value}) and how often
 * the alerts firing there are posted again (ms).
 */
public record AlertmanagerSettings(String baseUrl, Map<String, String> labels, Map<String, String> headers,
                                   String resendInterval) implements ChannelSettings {

    @Override
    public List<SettingProblem> validate() {
        List<SettingProblem> problems = new ArrayList<>();
        String problem = DeliverySettings.waitProblem(resendInterval, true);
        if (problem != null) {
            problems.add(new SettingProblem("resend-interval", problem));
        }
        return problems;
    }

    /**
     * How long a post keeps a firing alert: four re-sends, as Prometheus does, so one or two may fail.
     */
    public Duration firingFor() {
        return DeliverySettings.millis(resendInterval, 60_000).multipliedBy(4);
    }

    @Override
    public String toString() {
        return "Alertmanager[" + baseUrl + ", labels " + labels + ", headers hidden]";
    }
}
