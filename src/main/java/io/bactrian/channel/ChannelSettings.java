package io.bactrian.channel;

import java.util.List;

/** A channel's own settings, as read from the properties. */
public interface ChannelSettings {

    /** What is wrong with the values that are set; a setting left out is the channel's business ({@link Channel#unset}). */
    default List<SettingProblem> validate() {
        return List.of();
    }
}
