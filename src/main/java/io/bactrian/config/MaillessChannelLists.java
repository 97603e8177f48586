package io.bactrian.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.bactrian.channel.ChannelProperties;
import io.bactrian.channel.ChannelSenders;
import io.bactrian.core.Problem;
import io.bactrian.core.SettingsCheck;
import io.bactrian.monitor.Monitor;

/**
 * Channel lists without mail. Mail is a channel of the list now; the old release mailed every
 * alert besides the channels listed, so an upgrade that keeps {@code alert.channels = wecom}
 * silently stops the mails. A warning, not a problem: a list without mail may be meant.
 */
final class MaillessChannelLists {
    private static final String MAIL = ChannelSenders.DEFAULT_CHANNEL;

    private MaillessChannelLists() {
    }

    /**
     * A line for {@code alert.channels} without mail, and, while {@code mail.host} is set, one
     * for each monitor list's {@code channels} without mail (the monitors of one file with the
     * same list in one line).
     */
    static List<Problem> warnings(CheckContext checks) throws IOException {
        List<Problem> warnings = new ArrayList<>();
        String all = checks.property(ChannelSenders.CHANNELS, "").strip();
        if (mailless(all)) {
            warnings.add(SettingsCheck.problem(ChannelSenders.CHANNELS, "'" + all + "' has no " + MAIL
                    + ": no alert is mailed (mail is a channel of the list now; add it to keep the mails)"));
        }
        if (checks.property("mail.host", "").isBlank()) {
            return warnings;
        }
        Map<List<String>, List<String>> byFileAndList = new LinkedHashMap<>();
        for (Monitor m : MonitorLists.read(checks.context, checks.base).monitors()) {
            String listed = m.setting("channels");
            if (listed != null && mailless(listed.strip())) {
                byFileAndList.computeIfAbsent(List.of(m.file(), listed.strip()), k -> new ArrayList<>()).add(m.id());
            }
        }
        byFileAndList.forEach((fileAndList, ids) -> warnings.add(new Problem(fileAndList.get(0), ids.get(0), "channels",
                "'" + fileAndList.get(1) + "' has no " + MAIL + " while mail.host is set: its alerts"
                        + (ids.size() == 1 ? "" : " and those of " + (ids.size() - 1) + " more monitors of this list")
                        + " are not mailed (add " + MAIL + " to keep them)")));
        return warnings;
    }

    /** A list that names channels, none of them mail; {@code none} and empty are not. */
    private static boolean mailless(String list) {
        return !list.isEmpty() && !list.equals("none") && !ChannelProperties.commaList(list).contains(MAIL);
    }
}
