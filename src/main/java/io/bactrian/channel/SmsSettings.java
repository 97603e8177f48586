package io.bactrian.channel;

import java.util.List;

/** What the SMS channels share: how long each template variable may be. */
public final class SmsSettings {
    private SmsSettings() {
    }

    /** The problem of {@code max-param-chars}, if any. */
    public static List<SettingProblem> validate(String maxParamChars) {
        return maxParamChars.matches("[1-9]\\d{0,5}") ? List.of() : List.of(new SettingProblem("max-param-chars",
                "'" + maxParamChars + "' is not a number of characters, e.g. 12"));
    }
}
