package io.bactrian.channel;

import java.util.List;

/** What the SMS channels' settings share: which values fill the template, and how long each may be. */
public final class SmsSettings {
    private SmsSettings() {
    }

    /** {@code template-params}: which of monitor, state, detail the template takes; all three unless set. */
    public static List<String> templateParams(ChannelProperties p) {
        return ChannelProperties.commaList(p.or("template-params", "monitor,state,detail"));
    }

    /** The problem of {@code max-param-chars}, if any. */
    public static List<SettingProblem> validate(String maxParamChars) {
        return maxParamChars.matches("[1-9]\\d{0,5}") ? List.of() : List.of(new SettingProblem("max-param-chars",
                "'" + maxParamChars + "' is not a number of characters, e.g. 12"));
    }
}
