package io.bactrian.web;

import static io.bactrian.web.Html.esc;

import java.time.ZoneId;
import java.util.List;

import io.bactrian.history.Stats.Incident;
import io.bactrian.web.PublicPage.Announcement;
import io.bactrian.web.PublicStatus.Shown;

/**
 * A public status page as HTML, in the style of the overview: no target, no login, no script.
 * It shows what a visitor needs: the state of each monitor, the notes the operators wrote and
 * the incidents.
 */
final class PublicPageHtml {
    private final StatusPage parts;
    private final ZoneId zone;

    PublicPageHtml(StatusPage parts, ZoneId zone) {
        this.parts = parts;
        this.zone = zone;
    }

    /** The public pages, each with its title, description and state as a whole: a way in for visitors. */
    String index(List<PublicStatus> pages, long now) {
        StringBuilder b = parts.head("Status", 60, "");
        b.append("<header><h1>Status</h1><span class=\"muted\">").append(esc(Html.time(now, zone)))
                .append("</span></header><main>");
        for (PublicStatus s : pages) {
            PublicPage p = s.page();
            b.append("<section class=\"card mon\" data-page=\"").append(esc(p.slug())).append("\" data-state=\"")
                    .append(s.overall()).append("\"><div><a class=\"name\" href=\"status/").append(esc(Html.path(p.slug())))
                    .append("\">").append(esc(p.title())).append("</a>");
            if (p.description() != null) {
                b.append("<div class=\"muted\">").append(esc(p.description())).append("</div>");
            }
            b.append("</div><div>").append(StatusPage.pill(s.overall())).append("</div></section>");
        }
        if (pages.isEmpty()) {
            b.append("<div class=\"card muted\">No public status page.</div>");
        }
        return b.append("</main></body></html>").toString();
    }

    String render(PublicStatus s, long now) {
        PublicPage p = s.page();
        StringBuilder b = parts.head(p.title(), 60, "<link rel=\"alternate\" type=\"application/atom+xml\" title=\""
                + esc(p.title()) + "\" href=\"" + esc(Html.path(p.slug())) + "/feed.atom\">");
        b.append("<header><div><h1>").append(esc(p.title())).append("</h1>");
        if (p.description() != null) {
            b.append("<div class=\"muted\" id=\"description\">").append(esc(p.description())).append("</div>");
        }
        b.append("</div><span class=\"muted\">").append(esc(Html.time(now, zone))).append(" · <a href=\"")
                .append(esc(Html.path(p.slug()))).append("/feed.atom\">Atom feed</a></span></header><main>");
        String state = s.overall();
        b.append("<div class=\"banner ").append(switch (state) {
            case "down" -> "bad";
            case "degraded", "maintenance" -> "warn";
            default -> "ok";
        }).append("\" id=\"banner\" data-state=\"").append(state).append("\">").append(switch (state) {
            case "down" -> "Some systems are down";
            case "degraded" -> "Degraded performance";
            case "maintenance" -> "Under maintenance";
            case "unknown" -> "No checks recorded yet";
            default -> "All systems operational";
        }).append("</div>");
        announcements(b, p.announcements());
        for (Shown m : s.monitors()) {
            b.append("<section class=\"card mon\" data-monitor=\"").append(esc(m.summary().id())).append("\" data-state=\"")
                    .append(m.state()).append("\"><div><span class=\"name\">").append(esc(m.summary().id()))
                    .append("</span>");
            if (m.description() != null) {
                b.append("<div class=\"muted\">").append(esc(m.description())).append("</div>");
            }
            b.append("</div><div>").append(StatusPage.pill(m.state())).append("</div>");
            parts.bars(b, m.summary().hours(), "hour");
            b.append("<div class=\"figs\"><span>24 h <b>").append(Html.percent(m.summary().uptime24h()))
                    .append("</b></span><span>7 d <b>").append(Html.percent(m.summary().uptime7d()))
                    .append("</b></span><span>30 d <b>").append(Html.percent(m.summary().uptime30d())).append("</b></span>");
            if (!m.failedNodes().isEmpty()) {
                b.append("<span class=\"failed-nodes\">failing from ").append(esc(String.join(", ", m.failedNodes())))
                        .append("</span>");
            }
            b.append("</div></section>");
        }
        if (s.monitors().isEmpty()) {
            b.append("<div class=\"card muted\">No monitor on this page is running.</div>");
        }
        List<Incident> incidents = s.incidents();
        parts.incidents(b, incidents, now, true);
        if (s.pages() > 1) {
            b.append("<nav class=\"pages\" id=\"pages\" data-page=\"").append(s.pageNumber()).append("\" data-pages=\"")
                    .append(s.pages()).append("\">");
            if (s.pageNumber() > 1) {
                b.append("<a rel=\"prev\" href=\"?page=").append(s.pageNumber() - 1).append("\">‹ newer</a>");
            }
            b.append("<span>incidents page ").append(s.pageNumber()).append(" of ").append(s.pages()).append("</span>");
            if (s.pageNumber() < s.pages()) {
                b.append("<a rel=\"next\" href=\"?page=").append(s.pageNumber() + 1).append("\">older ›</a>");
            }
            b.append("</nav>");
        }
        b.append("<p class=\"muted\">Bars: the last 24 hours, one per hour. Degraded: up, though some places fail.</p>");
        return b.append("</main></body></html>").toString();
    }

    private void announcements(StringBuilder b, List<Announcement> notes) {
        if (notes.isEmpty()) {
            return;
        }
        b.append("<div id=\"announcements\">");
        for (Announcement a : notes) {
            b.append("<article class=\"card note ").append(a.severity()).append("\" data-severity=\"").append(a.severity())
                    .append("\"").append(a.pinned() ? " data-pinned=\"true\"" : "").append(">");
            if (a.title() != null) {
                b.append("<h2>").append(esc(a.title())).append("</h2>");
            }
            b.append("<div class=\"muted\">").append(a.pinned() ? "pinned · " : "").append(esc(a.severity()))
                    .append(" · ").append(esc(Html.time(a.at().toEpochMilli(), zone))).append("</div><p>")
                    .append(esc(a.text())).append("</p></article>");
        }
        b.append("</div>");
    }
}
