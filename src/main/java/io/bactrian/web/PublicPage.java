package io.bactrian.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.bactrian.monitor.Monitor;

/**
 * A public status page of {@code status-pages.yaml}: served at {@code /status/<slug>} without a
 * login, it shows the monitors of its groups and those it names, never a private one.
 */
public record PublicPage(String slug, String title, String description, Set<String> groups, List<String> monitors,
                         List<Announcement> announcements) {
    /** The monitor-list setting that keeps a monitor behind the login: never on a public page. */
    public static final String PRIVATE = "private";

    public PublicPage {
        groups = Set.copyOf(groups);
        monitors = List.copyOf(monitors);
        // pinned first, then newest first
        announcements = announcements.stream().sorted(Comparator.comparing((Announcement a) -> !a.pinned())
                .thenComparing(Announcement::at, Comparator.reverseOrder())).toList();
    }

    /** A note the operators write on the page: {@code info}, {@code warning} or {@code critical}. */
    public record Announcement(Instant at, String severity, String title, String text, boolean pinned) {
        public static final List<String> SEVERITIES = List.of("info", "warning", "critical");
    }

    /** Whether a monitor is private ({@code private: true}): behind the login only. */
    public static boolean isPrivate(Monitor monitor) {
        return "true".equalsIgnoreCase(String.valueOf(monitor.setting(PRIVATE)).strip());
    }

    /**
     * The page's monitors among those running: the ones it names in its order, then those of its
     * groups by id; private ones left out.
     */
    public List<Monitor> members(Collection<Monitor> running) {
        List<Monitor> out = new ArrayList<>();
        for (String id : monitors) {
            running.stream().filter(m -> m.id().equals(id)).findFirst().ifPresent(out::add);
        }
        // a monitor without a group is in none (Set.of refuses to look a null up)
        running.stream().filter(m -> m.setting("group") != null && groups.contains(m.setting("group")) && !out.contains(m))
                .sorted(Comparator.comparing(Monitor::id)).forEach(out::add);
        out.removeIf(PublicPage::isPrivate);
        return out;
    }
}
