package io.bactrian.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import io.bactrian.history.Stats.Incident;
import io.bactrian.web.PublicPage.Announcement;

/**
 * A public page's incidents and announcements as an Atom 1.0 feed (RFC 4287): an entry per
 * incident, updated when it ends, and per announcement. Ids are stable UUIDs made from what the
 * entry is, so a reader sees an incident that ended as the same entry updated.
 */
final class AtomFeed {
    /** Most incidents the feed carries; older ones stay on the page. */
    static final int INCIDENTS = 50;

    private final ZoneId zone;

    AtomFeed(ZoneId zone) {
        this.zone = zone;
    }

    private record Entry(String id, String title, long updatedMs, long publishedMs, String text) {
    }

    String render(PublicStatus s, long now) {
        PublicPage p = s.page();
        List<Entry> entries = new ArrayList<>();
        for (Incident i : s.allIncidents().subList(0, Math.min(INCIDENTS, s.allIncidents().size()))) {
            String what = (i.failureClass() == null ? "" : i.failureClass() + ": ") + (i.reason() == null ? "" : i.reason());
            entries.add(new Entry(uuid(p.slug() + "/incident/" + i.monitor() + "/" + i.startMs()),
                    i.monitor() + (i.open() ? " is down" : " was down for " + Html.duration(i.durationMs(now))),
                    i.open() ? i.startMs() : i.endMs(), i.startMs(),
                    "Down since " + Html.time(i.startMs(), zone) + (i.open() ? ", ongoing" : ", resolved at "
                            + Html.time(i.endMs(), zone)) + ". " + what));
        }
        for (Announcement a : p.announcements()) {
            entries.add(new Entry(uuid(p.slug() + "/announcement/" + a.at().toEpochMilli() + "/" + a.text()),
                    "[" + a.severity() + "] " + (a.title() != null ? a.title() : firstLine(a.text())),
                    a.at().toEpochMilli(), a.at().toEpochMilli(), a.text()));
        }
        entries.sort(Comparator.comparingLong(Entry::updatedMs).reversed());
        long updated = entries.isEmpty() ? now : entries.get(0).updatedMs();
        String slug = Html.path(p.slug());
        StringBuilder b = new StringBuilder(8192);
        b.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
                .append("<id>").append(uuid(p.slug())).append("</id>\n")
                .append("<title>").append(xml(p.title())).append("</title>\n");
        if (p.description() != null) {
            b.append("<subtitle>").append(xml(p.description())).append("</subtitle>\n");
        }
        b.append("<updated>").append(time(updated)).append("</updated>\n")
                .append("<link rel=\"self\" type=\"application/atom+xml\" href=\"feed.atom\"/>\n")
                .append("<link rel=\"alternate\" type=\"text/html\" href=\"../").append(slug).append("\"/>\n")
                .append("<author><name>").append(xml(p.title())).append("</name></author>\n");
        for (Entry e : entries) {
            b.append("<entry><id>").append(e.id()).append("</id><title>").append(xml(e.title())).append("</title>")
                    .append("<updated>").append(time(e.updatedMs())).append("</updated><published>")
                    .append(time(e.publishedMs())).append("</published><link rel=\"alternate\" type=\"text/html\" href=\"../")
                    .append(slug).append("\"/><content type=\"text\">").append(xml(e.text())).append("</content></entry>\n");
        }
        return b.append("</feed>\n").toString();
    }

    private static String uuid(String name) {
        return "urn:uuid:" + UUID.nameUUIDFromBytes(("bactrian/status/" + name).getBytes(StandardCharsets.UTF_8));
    }

    private static String time(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    /** Text escaped for XML, without the control characters XML 1.0 cannot hold. */
    static String xml(String text) {
        return Html.esc(text == null ? "" : text.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]", ""));
    }
}
