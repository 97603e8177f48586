package io.bactrian.web;

import static io.bactrian.web.Html.esc;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.bactrian.channel.AlertQueue.Undelivered;
import io.bactrian.history.Stats.Incident;
import io.bactrian.history.Stats.Percentiles;
import io.bactrian.history.StatusView;
import io.bactrian.history.StatusView.Bar;
import io.bactrian.history.StatusView.Detail;
import io.bactrian.history.StatusView.Kafka;
import io.bactrian.history.StatusView.Overview;
import io.bactrian.history.StatusView.Query;
import io.bactrian.history.StatusView.Series;
import io.bactrian.history.StatusView.Summary;
import io.bactrian.history.StatusView.TopicCharts;
import io.bactrian.store.Rows;
import io.bactrian.store.Rows.Lag;
import io.bactrian.store.Rows.Probe;

/**
 * The status pages as HTML: CSS inline, charts as inline SVG, no script, nothing from elsewhere.
 * Long because the overview and a monitor's page share their style and parts, kept together
 * here; the data they show comes from {@code StatusView}.
 */
public class StatusPage {
    /** Most alerts the overview's "Alerts not delivered" panel lists; /api/alerts has them all. */
    public static final int UNDELIVERED_ROWS = 10;
    static final String[] COLOURS = {"#2563eb", "#db2777", "#16a34a", "#ea580c", "#7c3aed", "#0891b2", "#ca8a04",
            "#dc2626", "#4b5563", "#65a30d"};

    private static final String CSS = """
            :root{--bg:#f6f7f9;--card:#fff;--text:#1f2937;--muted:#6b7280;--line:#e5e7eb;--up:#16a34a;
            --down:#dc2626;--warn:#d97706;--none:#d1d5db}
            @media (prefers-color-scheme:dark){:root{--bg:#0f141a;--card:#171e27;--text:#e5e7eb;--muted:#9ca3af;
            --line:#273241;--none:#374151}}
            *{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,
            "PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;background:var(--bg);color:var(--text)}
            a{color:inherit}header{padding:18px 16px 6px;max-width:1100px;margin:0 auto;display:flex;
            flex-wrap:wrap;gap:8px 16px;align-items:baseline;justify-content:space-between}
            h1{font-size:1.45rem;margin:0}h2{font-size:1.1rem;margin:0 0 10px}main{max-width:1100px;margin:0 auto;
            padding:0 12px 32px}.muted{color:var(--muted);font-size:.87rem}
            .banner{border-radius:10px;padding:12px 16px;margin:10px 0 16px;font-weight:600;color:#fff}
            .banner.ok{background:var(--up)}.banner.bad{background:var(--down)}.banner.warn{background:var(--warn)}
            .card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px;
            margin-bottom:12px}.mon{display:grid;grid-template-columns:minmax(0,1fr) auto;gap:6px 16px;
            align-items:center}.mon .name{font-weight:600;font-size:1.02rem;text-decoration:none}
            .mon .name:hover{text-decoration:underline}.target{overflow-wrap:anywhere}
            .pill{display:inline-block;border-radius:999px;padding:1px 10px;font-size:.8rem;font-weight:700;
            color:#fff;text-transform:uppercase;letter-spacing:.03em}.pill.up{background:var(--up)}
            .pill.down{background:var(--down)}.pill.failing{background:var(--warn)}.pill.unknown{background:#6b7280}
            .bars{display:flex;gap:2px;height:26px;grid-column:1/-1}.bars span{flex:1;border-radius:3px;
            background:var(--none)}.bars .b-up{background:var(--up)}.bars .b-part{background:var(--warn)}
            .bars .b-down{background:var(--down)}.figs{display:flex;flex-wrap:wrap;gap:4px 18px;grid-column:1/-1;
            font-size:.87rem;color:var(--muted)}.figs b{color:var(--text);font-weight:600}
            .scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.88rem}
            th,td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap}
            th{color:var(--muted);font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            tr.bad td{color:var(--down)}svg{width:100%;height:auto;display:block}
            td.wrap{white-space:normal;overflow-wrap:anywhere;min-width:12em}
            svg text{fill:var(--muted);font-size:11px}svg .grid{stroke:var(--line)}
            .legend{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:.84rem;margin-top:6px}
            .legend i{display:inline-block;width:12px;height:4px;border-radius:2px;margin-right:5px;
            vertical-align:middle}.grid2{display:grid;grid-template-columns:1fr 1fr;gap:12px}
            @media (max-width:760px){.grid2{grid-template-columns:1fr}header{padding:14px 12px 4px}
            h1{font-size:1.2rem}.card{padding:12px}.bars{height:22px}}
            .counts{display:flex;flex-wrap:wrap;gap:8px 18px;align-items:center}.counts a{text-decoration:none}
            .counts a.on{text-decoration:underline}.counts form{margin-left:auto;display:flex;gap:6px}
            .counts input{font:inherit;padding:3px 8px;border:1px solid var(--line);border-radius:6px;
            background:var(--bg);color:var(--text);min-width:14em}.counts button{font:inherit;padding:3px 10px}
            .pill.maintenance{background:#2563eb}.pages{display:flex;flex-wrap:wrap;gap:6px 16px;
            justify-content:center;margin:6px 0 14px}
            .pill.degraded{background:var(--warn)}.note{border-left:4px solid #2563eb}
            .note.warning{border-left-color:var(--warn)}.note.critical{border-left-color:var(--down)}
            .note h2{margin:0 0 4px}.note p{margin:4px 0 0;white-space:pre-line;overflow-wrap:anywhere}
            .counts select{font:inherit;padding:3px 4px;max-width:12em}.groups{display:flex;flex-wrap:wrap;
            gap:4px 12px;flex-basis:100%;font-size:.87rem}.labels{display:flex;flex-wrap:wrap;gap:2px 10px;
            font-size:.84rem}.labels a{text-decoration:none;color:#2563eb}
            @media (max-width:760px){.counts form{margin-left:0;flex-basis:100%;flex-wrap:wrap}
            .counts input{min-width:0;flex:1 1 7em}.counts select{flex:0 1 auto;max-width:45%}}
            """;

    private final String title;
    private final ZoneId zone;

    public StatusPage(String title, ZoneId zone) {
        this.title = title;
        this.zone = zone;
    }

    private StringBuilder head(String pageTitle, int refreshSeconds) {
        return head(pageTitle, refreshSeconds, "");
    }

    /** The page up to its body; {@code links} more of the head, e.g. a feed's {@code <link>}. */
    StringBuilder head(String pageTitle, int refreshSeconds, String links) {
        StringBuilder b = new StringBuilder(16_384);
        b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<meta http-equiv=\"refresh\" content=\"").append(refreshSeconds).append("\">")
                .append("<title>").append(esc(pageTitle)).append("</title>").append(links).append("<style>").append(CSS).append(SpeedMap.CSS)
                .append("</style></head><body>");
        return b;
    }

    /**
     * A page of the overview: the count of monitors in each state (each a link to them), a
     * filter, the monitors of the page (down first) and links to the other pages.
     *
     * @param undelivered the alerts refused for good or late, newest first; the panel shows none when empty
     */
    public String overview(Overview o, List<Undelivered> undelivered, long now) {
        StringBuilder b = head(title, 30);
        b.append("<header><h1>").append(esc(title)).append("</h1><span class=\"muted\">")
                .append(o.total()).append(o.total() == 1 ? " monitor · " : " monitors · ")
                .append(esc(Html.time(now, zone))).append("</span></header><main>");
        int down = o.counts().getOrDefault("down", 0);
        int failing = o.counts().getOrDefault("failing", 0);
        if (down > 0) {
            b.append("<div class=\"banner bad\" id=\"banner\">").append(down).append(down == 1 ? " monitor is" : " monitors are")
                    .append(" down</div>");
        } else if (failing > 0) {
            b.append("<div class=\"banner warn\" id=\"banner\">").append(failing)
                    .append(" failing, not yet down</div>");
        } else if (o.total() > 0) {
            b.append("<div class=\"banner ok\" id=\"banner\">All systems operational</div>");
        } else {
            b.append("<div class=\"card muted\">No checks recorded yet.</div>");
        }
        if (o.total() > 0) {
            counts(b, o);
        }
        if (!undelivered.isEmpty()) {
            undelivered(b, undelivered);
        }
        for (Summary m : o.monitors()) {
            b.append("<section class=\"card mon\" data-monitor=\"").append(esc(m.id())).append("\" data-state=\"")
                    .append(m.state()).append("\"><div><a class=\"name\" href=\"monitors/").append(esc(Html.path(m.id())))
                    .append("\">").append(esc(m.id())).append("</a><div class=\"muted target\">")
                    .append(esc(m.target())).append("</div>");
            labels(b, o.query(), m);
            b.append("</div><div>").append(pill(m.state())).append("</div>");
            bars(b, m.hours(), "hour");
            figures(b, m);
        }
        if (o.total() > 0 && o.monitors().isEmpty()) {
            b.append("<div class=\"card muted\" id=\"no-match\">No monitor matches")
                    .append(o.query().text().isEmpty() ? "" : " \u201c" + esc(o.query().text()) + "\u201d")
                    .append(o.query().state() == null ? "" : " in state " + esc(o.query().state()))
                    .append(o.query().group() == null ? "" : " in group " + esc(o.query().group()))
                    .append(o.query().tag() == null ? "" : " tagged " + esc(o.query().tag()))
                    .append(o.query().needs() ? " that needs someone" : "")
                    .append(o.query().page() > 1 ? " on page " + o.query().page() : "").append(".</div>");
        }
        pages(b, o);
        b.append("<p class=\"muted\">Bars: the last 24 hours, one per hour. Data as JSON: <a href=\"api/monitors")
                .append(esc(link(o.query(), o.query().page()))).append("\">api/monitors</a></p>");
        return b.append("</main></body></html>").toString();
    }

    /**
     * The count of each state and of what needs someone, each a link to those monitors, the
     * groups (each a link), and the filter: a plain GET form, no script.
     */
    private void counts(StringBuilder b, Overview o) {
        Query q = o.query();
        Query any = new Query(q.text(), null, q.group(), q.tag(), q.sort(), false, 1, q.perPage());
        b.append("<nav class=\"card counts\" id=\"counts\">");
        b.append("<a href=\"").append(esc(orAll(link(any, 1)))).append("\"")
                .append(q.state() == null && !q.needs() ? " class=\"on\"" : "").append(">all <b>").append(o.total())
                .append("</b></a>");
        b.append("<a id=\"needs\" data-count=\"needs\" href=\"")
                .append(esc(link(new Query(q.text(), null, q.group(), q.tag(), q.sort(), true, 1, q.perPage()), 1)))
                .append("\"").append(q.needs() ? " class=\"on\"" : "").append(">needs me <b>").append(o.needs())
                .append("</b></a>");
        for (String state : StatusView.STATES) {
            int n = o.counts().getOrDefault(state, 0);
            if (n == 0 && !state.equals("down") && !state.equals("up")) {
                continue; // no empty "maintenance 0" when none is
            }
            b.append("<a data-count=\"").append(state).append("\" href=\"")
                    .append(esc(link(new Query(q.text(), state, q.group(), q.tag(), q.sort(), false, 1, q.perPage()), 1)))
                    .append("\"").append(state.equals(q.state()) ? " class=\"on\"" : "").append(">").append(pill(state))
                    .append(" <b>").append(n).append("</b></a>");
        }
        b.append("<form method=\"get\" action=\"./\" role=\"search\" id=\"filter\"><input type=\"search\" name=\"q\"")
                .append(" value=\"").append(esc(q.text()))
                .append("\" placeholder=\"Name, description, group or URL\" aria-label=\"filter\">")
                .append("<select name=\"sort\" aria-label=\"sort\">");
        for (String sort : StatusView.SORTS) {
            b.append("<option value=\"").append(sort).append("\"").append(sort.equals(q.sort()) ? " selected" : "")
                    .append(">").append(SORT_LABELS.get(sort)).append("</option>");
        }
        b.append("</select>");
        hidden(b, "state", q.state());
        hidden(b, "group", q.group());
        hidden(b, "tag", q.tag());
        hidden(b, "needs", q.needs() ? "me" : null);
        b.append("<button>Filter</button></form>");
        if (!o.groups().isEmpty()) {
            b.append("<div class=\"groups\" id=\"groups\"><span class=\"muted\">groups</span>");
            o.groups().forEach((group, n) -> b.append("<a data-group=\"").append(esc(group)).append("\" href=\"")
                    .append(esc(link(new Query(q.text(), q.state(), group, q.tag(), q.sort(), q.needs(), 1, q.perPage()),
                            1))).append("\"").append(group.equals(q.group()) ? " class=\"on\"" : "").append(">")
                    .append(esc(group)).append(" <b>").append(n).append("</b></a>"));
            if (q.group() != null || q.tag() != null) {
                b.append("<a id=\"all-groups\" href=\"").append(esc(orAll(link(new Query(q.text(), q.state(), null,
                        null, q.sort(), q.needs(), 1, q.perPage()), 1)))).append("\">any group or tag</a>");
            }
            b.append("</div>");
        }
        b.append("</nav>");
    }

    private static final Map<String, String> SORT_LABELS = Map.of("state", "state, worst first", "name", "name",
            "response", "response time, slowest first", "changed", "last change, newest first");

    private static void hidden(StringBuilder b, String name, String value) {
        if (value != null) {
            b.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(esc(value))
                    .append("\">");
        }
    }

    /** A link that stays on the overview when its query string is empty. */
    private static String orAll(String query) {
        return query.isEmpty() ? "./" : query;
    }

    /** A monitor's group, tags (each a link to the monitors with it) and description on its card. */
    private void labels(StringBuilder b, Query q, Summary m) {
        if (m.group() == null && m.tags().isEmpty() && m.description() == null) {
            return;
        }
        b.append("<div class=\"labels\">");
        if (m.group() != null) {
            b.append("<a class=\"group\" href=\"").append(esc(link(new Query(q.text(), q.state(), m.group(), q.tag(),
                    q.sort(), q.needs(), 1, q.perPage()), 1))).append("\">").append(esc(m.group())).append("</a>");
        }
        for (String tag : m.tags()) {
            b.append("<a class=\"tag\" href=\"").append(esc(link(new Query(q.text(), q.state(), q.group(), tag,
                    q.sort(), q.needs(), 1, q.perPage()), 1))).append("\">#").append(esc(tag)).append("</a>");
        }
        if (m.description() != null) {
            b.append("<span class=\"muted\">").append(esc(m.description())).append("</span>");
        }
        b.append("</div>");
    }

    /** Links to the first, previous, next and last page, when there is more than one. */
    private void pages(StringBuilder b, Overview o) {
        Query q = o.query();
        if (o.pages() <= 1 && q.page() == 1) {
            return;
        }
        int first = (q.page() - 1) * q.perPage() + 1;
        b.append("<nav class=\"pages\" id=\"pages\" data-page=\"").append(q.page()).append("\" data-pages=\"")
                .append(o.pages()).append("\">");
        page(b, q, 1, "« first", q.page() > 1);
        page(b, q, q.page() - 1, "‹ previous", q.page() > 1);
        b.append("<span>").append(o.monitors().isEmpty() ? "none" : first + "–" + (first + o.monitors().size() - 1))
                .append(" of ").append(o.matched()).append(" · page ").append(q.page()).append(" of ")
                .append(o.pages()).append("</span>");
        page(b, q, q.page() + 1, "next ›", q.page() < o.pages());
        page(b, q, o.pages(), "last »", q.page() < o.pages());
        b.append("</nav>");
    }

    private static void page(StringBuilder b, Query q, int page, String label, boolean enabled) {
        if (enabled) {
            b.append("<a rel=\"").append(label.contains("next") ? "next" : label.contains("prev") ? "prev" : "nofollow")
                    .append("\" href=\"").append(esc(link(q, page))).append("\">").append(label).append("</a>");
        } else {
            b.append("<span class=\"muted\">").append(label).append("</span>");
        }
    }

    /**
     * The query string of a page of the overview: {@code ?q=...&state=...&page=N}, only the
     * parameters that differ from the defaults; empty for the first page of all.
     */
    static String link(Query q, int page) {
        StringBuilder s = new StringBuilder();
        param(s, "q", q.text().isEmpty() ? null : q.text());
        param(s, "state", q.state());
        param(s, "group", q.group());
        param(s, "tag", q.tag());
        param(s, "needs", q.needs() ? "me" : null);
        param(s, "sort", q.sort().equals(StatusView.SORTS.get(0)) ? null : q.sort());
        if (q.perPage() != StatusView.PER_PAGE) {
            s.append("&per-page=").append(q.perPage());
        }
        if (page > 1) {
            s.append("&page=").append(page);
        }
        return s.length() == 0 ? "" : "?" + s.substring(1);
    }

    private static void param(StringBuilder s, String name, String value) {
        if (value != null) {
            s.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    /** Alerts a channel refused for good, or still queued after a failed attempt or a long wait. */
    private void undelivered(StringBuilder b, List<Undelivered> alerts) {
        b.append("<section class=\"card\" id=\"undelivered\"><h2>Alerts not delivered</h2><div class=\"scroll\">")
                .append("<table id=\"undelivered-alerts\"><tr><th>Channel</th><th>Monitor</th><th>Alert</th>")
                .append("<th>Queued</th><th>State</th><th class=\"num\">Attempts</th><th>Last error</th></tr>");
        for (Undelivered a : alerts.subList(0, Math.min(UNDELIVERED_ROWS, alerts.size()))) {
            boolean failed = a.state().equals("failed");
            b.append("<tr").append(failed ? " class=\"bad\"" : "").append(" data-alert=\"").append(a.id())
                    .append("\" data-state=\"").append(esc(a.state())).append("\"><td>").append(esc(a.channel()))
                    .append("</td><td><a href=\"monitors/").append(esc(Html.path(a.monitor()))).append("\">")
                    .append(esc(a.monitor())).append("</a></td><td>").append(esc(a.kind())).append("</td><td>")
                    .append(esc(Html.time(a.queuedAt().toEpochMilli(), zone))).append("</td><td><span class=\"pill ")
                    .append(failed ? "down" : "failing").append("\">").append(esc(a.state()))
                    .append("</span></td><td class=\"num\">").append(a.attempts()).append("</td><td class=\"wrap\">")
                    .append(esc(a.lastError() == null ? "not tried yet" : a.lastError())).append("</td></tr>");
        }
        b.append("</table></div><p class=\"muted\">Failed: refused for good and not retried; fix the channel's")
                .append(" setting, then queue them again. Queued: retried until delivered.")
                .append(alerts.size() > UNDELIVERED_ROWS ? " The newest " + UNDELIVERED_ROWS + " shown." : "")
                .append(" All of them as JSON: <a href=\"api/alerts\">api/alerts</a></p></section>");
    }

    static String pill(String state) {
        return "<span class=\"pill " + state + "\">" + state + "</span>";
    }

    void bars(StringBuilder b, List<Bar> bars, String unit) {
        b.append("<div class=\"bars\" aria-label=\"uptime per ").append(unit).append("\">");
        for (Bar bar : bars) {
            Double u = bar.uptime();
            String cls = u == null ? "" : u >= 99.995 ? "b-up" : u >= 95 ? "b-part" : "b-down";
            b.append("<span class=\"").append(cls).append("\" title=\"").append(esc(Html.time(bar.fromMs(), zone)))
                    .append(": ").append(u == null ? "no data" : Html.percent(u) + " of " + bar.checks() + " checks")
                    .append("\"></span>");
        }
        b.append("</div>");
    }

    public String monitor(Detail d, long now) {
        Summary m = d.summary();
        StringBuilder b = head(m.id() + " · " + title, 30);
        b.append("<header><h1><a href=\"../\" style=\"text-decoration:none\">").append(esc(title))
                .append("</a> / ").append(esc(m.id())).append("</h1>").append(pill(m.state())).append("</header><main>");
        b.append("<section class=\"card mon\" data-monitor=\"").append(esc(m.id())).append("\" data-state=\"")
                .append(m.state()).append("\"><div class=\"muted target\">").append(esc(m.target())).append("</div><div></div>");
        bars(b, d.days(), "day");
        figures(b, m);
        if (d.kafka() != null) {
            kafka(b, d.kafka(), d.windowMs(), now);
        } else {
            latencies(b, d, now);
        }
        incidents(b, d.incidents(), now, false);
        b.append("<p class=\"muted\">Bars: the last 30 days, one per day. Data as JSON: <a href=\"../api/monitors/")
                .append(esc(Html.path(m.id()))).append("\">api/monitors/").append(esc(m.id())).append("</a></p>");
        return b.append("</main></body></html>").toString();
    }

    /** A Kafka consumer group: its status, its topics at the last evaluation, per topic lag over time. */
    private void kafka(StringBuilder b, Kafka k, long windowMs, long now) {
        b.append("<section class=\"card\"><h2>Topics at the last evaluation</h2><p class=\"muted\" id=\"group-status\"")
                .append(" data-status=\"").append(esc(k.status())).append("\">Group status ")
                .append(lagPill(k.status())).append("</p><div class=\"scroll\"><table id=\"topics\"><tr>")
                .append("<th>Topic</th><th class=\"num\">Lag</th><th class=\"num\">Lag seconds</th><th>Status</th></tr>");
        for (Lag l : k.topics()) {
            b.append("<tr").append(l.status().equals("OK") ? "" : " class=\"bad\"").append(" data-topic=\"")
                    .append(esc(l.topic())).append("\"><td>").append(esc(l.topic())).append("</td><td class=\"num\">")
                    .append(l.lag() == null ? "–" : l.lag()).append("</td><td class=\"num\">")
                    .append(l.lagSeconds() == null ? "–" : Html.num(l.lagSeconds())).append("</td><td>")
                    .append(lagPill(l.status())).append("</td></tr>");
        }
        if (k.topics().isEmpty()) {
            b.append("<tr><td colspan=\"4\" class=\"muted\">no topic at the last evaluation</td></tr>");
        }
        b.append("</table></div><p class=\"muted\">Lag: messages summed over the topic's partitions; lag seconds:")
                .append(" the largest of its partitions; status: the worst (OK, WARN, STALL, STOP, REWIND).</p></section>");
        String window = Html.duration(windowMs);
        for (TopicCharts t : k.charts()) {
            String id = Html.path(t.topic());
            b.append("<div class=\"grid2\"><section class=\"card\"><h2>").append(esc(t.topic()))
                    .append(": lag (messages), last ").append(window).append("</h2>");
            chart(b, "chart-lag-" + id, List.of(t.lag()), now - windowMs, now);
            b.append("</section><section class=\"card\"><h2>").append(esc(t.topic()))
                    .append(": lag in seconds, last ").append(window).append("</h2>");
            chart(b, "chart-lag-seconds-" + id, List.of(t.lagSeconds()), now - windowMs, now);
            b.append("</section></div>");
        }
    }

    /** A Burrow status as a pill: OK green, WARN amber, the others red. */
    private static String lagPill(String status) {
        String cls = status == null ? "unknown" : status.equals("OK") ? "up" : status.equals("WARN") ? "failing" : "down";
        return "<span class=\"pill " + cls + "\">" + (status == null ? "unknown" : status) + "</span>";
    }

    /** Probes: the last check per node, latency charts and percentiles. */
    private void latencies(StringBuilder b, Detail d, long now) {
        SpeedMap.card(b, d.lastRun());
        b.append("<section class=\"card\"><h2>Last check, per node</h2><div class=\"scroll\"><table id=\"nodes\"><tr>")
                .append("<th>Node</th><th>Region</th><th>ISP</th><th>IP</th><th class=\"num\">Status</th>")
                .append("<th class=\"num\">DNS</th><th class=\"num\">Connect</th><th class=\"num\">TLS</th>")
                .append("<th class=\"num\">First byte</th><th class=\"num\">Download</th><th class=\"num\">Total</th>")
                .append("<th>Result</th></tr>");
        for (Probe p : d.lastRun()) {
            b.append("<tr").append(p.ok() ? "" : " class=\"bad\"").append("><td>").append(esc(p.node()))
                    .append("</td><td>").append(esc(p.region())).append("</td><td>").append(esc(p.isp()))
                    .append("</td><td>").append(esc(p.ip())).append("</td><td class=\"num\">")
                    .append(p.status() == 0 ? "–" : p.status()).append("</td>");
            for (String phase : Rows.PHASES) {
                b.append("<td class=\"num\">").append(Html.ms(p.phase(phase))).append("</td>");
            }
            b.append("<td>").append(p.ok() ? "ok" : esc(p.reason())).append("</td></tr>");
        }
        if (d.lastRun().isEmpty()) {
            b.append("<tr><td colspan=\"12\" class=\"muted\">no probe in this period</td></tr>");
        }
        b.append("</table></div></section>");

        String window = Html.duration(d.windowMs());
        b.append("<div class=\"grid2\"><section class=\"card\"><h2>Total time per node, last ").append(window)
                .append("</h2>");
        chart(b, "chart-nodes", d.totalByNode(), now - d.windowMs(), now);
        b.append("</section><section class=\"card\"><h2>Phases (mean of all nodes), last ").append(window)
                .append("</h2>");
        chart(b, "chart-phases", d.phases(), now - d.windowMs(), now);
        b.append("</section></div>");

        b.append("<section class=\"card\"><h2>Latency percentiles, last ").append(window)
                .append("</h2><div class=\"scroll\"><table id=\"percentiles\"><tr><th>Node</th>");
        for (String phase : Rows.PHASES) {
            b.append("<th class=\"num\">").append(phase).append(" p50 / p95 / p99</th>");
        }
        b.append("<th class=\"num\">Samples</th></tr>");
        for (Map.Entry<String, Map<String, Percentiles>> e : d.percentiles().entrySet()) {
            b.append("<tr><td>").append(esc(e.getKey())).append("</td>");
            int samples = 0;
            for (String phase : Rows.PHASES) {
                Percentiles p = e.getValue().get(phase);
                samples = p.samples();
                b.append("<td class=\"num\">").append(Html.num(p.p50())).append(" / ").append(Html.num(p.p95()))
                        .append(" / ").append(Html.num(p.p99())).append("</td>");
            }
            b.append("<td class=\"num\">").append(samples).append("</td></tr>");
        }
        b.append("</table></div><p class=\"muted\">Milliseconds, nearest rank, over probes that got an answer.</p></section>");
    }

    /** The incidents as a table, newest first; {@code named}: with a column naming each one's monitor. */
    void incidents(StringBuilder b, List<Incident> incidents, long now, boolean named) {
        b.append("<section class=\"card\"><h2>Incidents</h2><div class=\"scroll\"><table id=\"incidents\"><tr>")
                .append(named ? "<th>Monitor</th>" : "")
                .append("<th>Start</th><th>End</th><th>Duration</th><th>Reason</th></tr>");
        for (Incident i : incidents) {
            b.append("<tr").append(i.open() ? " class=\"bad\"" : "").append(" data-monitor=\"").append(esc(i.monitor()))
                    .append("\">").append(named ? "<td>" + esc(i.monitor()) + "</td>" : "").append("<td>")
                    .append(esc(Html.time(i.startMs(), zone))).append("</td><td>")
                    .append(i.open() ? "ongoing" : esc(Html.time(i.endMs(), zone))).append("</td><td>")
                    .append(Html.duration(i.durationMs(now))).append("</td><td class=\"wrap\">")
                    .append(esc(i.failureClass() == null ? "" : i.failureClass() + ": ")).append(esc(i.reason()))
                    .append("</td></tr>");
        }
        if (incidents.isEmpty()) {
            b.append("<tr><td colspan=\"").append(named ? 5 : 4).append("\" class=\"muted\">no incident kept</td></tr>");
        }
        b.append("</table></div></section>");
    }

    /** A line chart in inline SVG; x is time, y from 0 (milliseconds, messages, seconds). */
    void chart(StringBuilder b, String id, List<Series> series, long from, long to) {
        int w = 640;
        int h = 220;
        int left = 48;
        int right = 10;
        int top = 10;
        int bottom = 24;
        double max = 0;
        int points = 0;
        for (Series s : series) {
            for (double[] p : s.points()) {
                max = Math.max(max, p[1]);
                points++;
            }
        }
        double yMax = niceCeiling(max);
        b.append("<svg id=\"").append(id).append("\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                .append("\" role=\"img\" data-points=\"").append(points).append("\">");
        for (int i = 0; i <= 4; i++) {
            double v = yMax * i / 4;
            double y = top + (h - top - bottom) * (1 - i / 4.0);
            b.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>",
                    left, w - right, y, y));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", left - 6,
                    y + 4, Html.num(v)));
        }
        for (int i = 0; i <= 4; i++) {
            long t = from + (to - from) * i / 4;
            double x = left + (w - left - right) * i / 4.0;
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s</text>", x, h - 6,
                    i == 0 ? "start" : i == 4 ? "end" : "middle", Html.clock(t, zone)));
        }
        int c = 0;
        for (Series s : series) {
            String colour = COLOURS[c++ % COLOURS.length];
            if (s.points().isEmpty()) {
                continue;
            }
            StringBuilder d = new StringBuilder();
            for (double[] p : s.points()) {
                double x = left + (w - left - right) * (p[0] - from) / (double) (to - from);
                double y = top + (h - top - bottom) * (1 - p[1] / yMax);
                d.append(d.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
            }
            b.append("<polyline fill=\"none\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"2\" stroke-linejoin=\"round\" points=\"").append(d).append("\"><title>")
                    .append(esc(s.name())).append("</title></polyline>");
            if (s.points().size() == 1) {
                String[] xy = d.toString().split(",");
                b.append("<circle r=\"3\" fill=\"").append(colour).append("\" cx=\"").append(xy[0]).append("\" cy=\"")
                        .append(xy[1]).append("\"/>");
            }
        }
        b.append("</svg><div class=\"legend\">");
        c = 0;
        for (Series s : series) {
            b.append("<span><i style=\"background:").append(COLOURS[c++ % COLOURS.length]).append("\"></i>")
                    .append(esc(s.name())).append("</span>");
        }
        b.append("</div>");
    }

    static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[]{1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /**
     * A monitor's figures line: latency, uptime over 24 h, 7 d, 30 d, last check, reason. No
     * latency where there is none to show: a Kafka group is evaluated, not probed.
     */
    private void figures(StringBuilder b, Summary m) {
        b.append("<div class=\"figs\">");
        if (m.latencyMs() != null) {
            b.append("<span>latency <b>").append(Html.ms(m.latencyMs())).append("</b></span>");
        }
        b.append("<span>24 h <b>").append(Html.percent(m.uptime24h())).append("</b></span>")
                .append("<span>7 d <b>").append(Html.percent(m.uptime7d())).append("</b></span>")
                .append("<span>30 d <b>").append(Html.percent(m.uptime30d())).append("</b></span>")
                .append("<span>checked ").append(esc(Html.time(m.lastCheckMs(), zone))).append("</span>");
        if (m.reason() != null) {
            b.append("<span>").append(esc(m.reason())).append("</span>");
        }
        b.append("</div></section>");
    }
}
