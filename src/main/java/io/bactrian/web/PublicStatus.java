package io.bactrian.web;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.bactrian.history.Stats.Incident;
import io.bactrian.history.StatusView;
import io.bactrian.history.StatusView.Summary;
import io.bactrian.monitor.Monitor;
import io.bactrian.store.Rows.Probe;

/**
 * What a public page shows now: each of its monitors in a visitor's terms (up, degraded, down,
 * maintenance, unknown), the page's state as a whole, and its monitors' incidents, newest first,
 * {@link #PER_PAGE} a page.
 */
record PublicStatus(PublicPage page, List<Shown> monitors, List<Incident> allIncidents, int pageNumber) {
    static final int PER_PAGE = 20;

    /**
     * A monitor as the page shows it. Degraded: it passes, yet some of its nodes failed (a speed
     * test's quorum held), or its last check failed without it being down yet.
     *
     * @param failedNodes the nodes (place and carrier) that failed in the last check, when it passed
     */
    record Shown(Summary summary, String state, String description, List<String> failedNodes) {
    }

    static PublicStatus of(StatusView view, PublicPage page, Collection<Monitor> running, int pageNumber)
            throws SQLException {
        List<Monitor> members = page.members(running);
        List<String> ids = members.stream().map(Monitor::id).toList();
        List<Summary> summaries = view.summaries(ids);
        List<Shown> shown = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Summary s = summaries.get(i);
            Set<String> failed = new LinkedHashSet<>();
            for (Probe p : view.failedNodesOfPassingCheck(s.id())) {
                failed.add(p.node());
            }
            String state = switch (s.state()) {
                case "failing" -> "degraded";
                case "up" -> failed.isEmpty() ? "up" : "degraded";
                default -> s.state();
            };
            shown.add(new Shown(s, state, members.get(i).setting("description"), List.copyOf(failed)));
        }
        return new PublicStatus(page, shown, view.incidents(ids), pageNumber);
    }

    /** The page as a whole: down if one is, else degraded if one is, else in maintenance if one is, else up. */
    String overall() {
        for (String state : List.of("down", "degraded", "maintenance", "up")) {
            if (monitors.stream().anyMatch(m -> m.state().equals(state))) {
                return state;
            }
        }
        return "unknown";
    }

    int pages() {
        return Math.max(1, (allIncidents.size() + PER_PAGE - 1) / PER_PAGE);
    }

    /** The incidents of the page asked for. */
    List<Incident> incidents() {
        int from = Math.min(allIncidents.size(), (Math.max(1, pageNumber) - 1) * PER_PAGE);
        return allIncidents.subList(from, Math.min(allIncidents.size(), from + PER_PAGE));
    }
}
