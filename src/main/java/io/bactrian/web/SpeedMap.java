package io.bactrian.web;

import static io.bactrian.web.Html.esc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.bactrian.store.Rows;
import io.bactrian.store.Rows.Probe;

/**
 * A speed test's last check on a map, as 17CE and chinaz show it: China's provinces (and, when
 * a node is elsewhere, the world's countries), each coloured by its nodes' state and median
 * total time; hovering one shows its nodes and phases (an SVG {@code <title>}, so no script).
 * Nodes whose region matches no place are listed as unplaced.
 */
final class SpeedMap {
    /** Upper bounds (ms, exclusive) of the median total buckets of a place whose nodes are all up. */
    static final int[] BUCKETS_MS = {300, 1000, 2000};

    /** Fills of the buckets, fastest first; PART that of a place where some nodes failed. */
    private static final String[] FILLS = {"#15803d", "#4ade80", "#facc15", "#f97316"};
    private static final String PART = "#a855f7";

    static final String CSS = """
            .maps{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:12px;align-items:start}
            @media (max-width:760px){.maps{grid-template-columns:1fr}}
            svg.map path{fill:var(--none);stroke:var(--card);stroke-width:.6}svg.map path.inset{fill:var(--muted)}
            svg.map path:hover{stroke:var(--text);stroke-width:1.6}svg.map .down{fill:var(--down)}
            .legend i.sq{height:12px}"""
            + "svg.map .part{fill:" + PART + "}" + buckets();

    private static String buckets() {
        StringBuilder css = new StringBuilder();
        for (int i = 0; i < FILLS.length; i++) {
            css.append("svg.map .t").append(i).append("{fill:").append(FILLS[i]).append('}');
        }
        return css.append('\n').toString();
    }

    private static final Map<String, String> STATES = Map.of("up", "all up", "part", "some failing",
            "down", "all failing");
    private static final String[] PHASE_NAMES = {"DNS", "connect", "TLS", "first byte", "download", "total"};

    private SpeedMap() {
    }

    /**
     * The map card for the rows of one check; nothing when no node names a region (a monitor
     * probed from this process alone has nothing to place).
     */
    static void card(StringBuilder b, List<Probe> rows) {
        if (rows.stream().allMatch(p -> region(p).isEmpty())) {
            return;
        }
        Map<String, List<Probe>> provinces = new LinkedHashMap<>();
        Map<String, List<Probe>> countries = new LinkedHashMap<>();
        List<Probe> unplaced = new ArrayList<>();
        boolean abroad = false;
        for (Probe p : rows) {
            NodePlaces.Place place = NodePlaces.of(region(p).isEmpty() ? p.node() : region(p));
            if (place == null) {
                unplaced.add(p);
                continue;
            }
            boolean china = place.country().equals(NodePlaces.CHINA);
            if (place.province() != null) {
                provinces.computeIfAbsent(place.province(), k -> new ArrayList<>()).add(p);
            } else if (china) { // China without a province has no shape on the map: listed, not dropped
                unplaced.add(p);
                continue;
            }
            abroad |= !china;
            countries.computeIfAbsent(place.country(), k -> new ArrayList<>()).add(p);
        }
        b.append("<section class=\"card\" id=\"speed-map\"><h2>Last check on the map</h2><div class=\"maps\">");
        svg(b, "map-china", "China's provinces", MapShapes.CHINA, provinces);
        b.append("<div>");
        if (abroad) {
            svg(b, "map-world", "the world", MapShapes.WORLD, countries);
        }
        places(b, provinces, abroad ? countries : Map.of());
        b.append("</div></div>");
        legend(b);
        if (!unplaced.isEmpty()) {
            b.append("<p class=\"muted\" id=\"unplaced\">Unplaced (region matches no province or country): ");
            for (int i = 0; i < unplaced.size(); i++) {
                Probe p = unplaced.get(i);
                b.append(i == 0 ? "" : ", ").append("<span data-node=\"").append(esc(p.node())).append("\">")
                        .append(esc(node(p)))
                        .append(region(p).isEmpty() || p.node().contains(region(p)) ? "" : " (" + esc(region(p)) + ")")
                        .append("</span>");
            }
            b.append("</p>");
        }
        b.append("</section>");
    }

    /** Beside the map, the places that have nodes: how many, their state and median total. */
    private static void places(StringBuilder b, Map<String, List<Probe>> provinces, Map<String, List<Probe>> countries) {
        b.append("<div class=\"scroll\"><table id=\"map-places\"><tr><th>Place</th><th class=\"num\">Nodes</th>")
                .append("<th>State</th><th class=\"num\">Median total</th></tr>");
        for (Map<String, List<Probe>> places : List.of(provinces, countries)) {
            for (Map.Entry<String, List<Probe>> e : places.entrySet()) {
                String state = state(e.getValue());
                b.append("<tr").append(state.equals("up") ? "" : " class=\"bad\"").append(" data-place=\"")
                        .append(esc(e.getKey())).append("\"><td>").append(esc(e.getKey())).append("</td><td class=\"num\">")
                        .append(e.getValue().size()).append("</td><td>").append(STATES.get(state))
                        .append("</td><td class=\"num\">").append(Html.ms(median(e.getValue()))).append("</td></tr>");
            }
        }
        b.append("</table></div>");
    }

    private static void svg(StringBuilder b, String id, String label, MapShapes map, Map<String, List<Probe>> byPlace) {
        b.append("<svg class=\"map\" id=\"").append(id).append("\" viewBox=\"").append(map.viewBox())
                .append("\" role=\"img\" aria-label=\"").append(esc(label)).append("\">");
        for (MapShapes.Shape s : map.shapes()) {
            List<Probe> nodes = byPlace.getOrDefault(s.name(), List.of());
            String state = nodes.isEmpty() ? null : state(nodes);
            b.append("<path id=\"").append(s.id()).append("\" data-name=\"").append(esc(s.name())).append('"');
            if (s.inset()) {
                b.append(" class=\"inset\" d=\"").append(s.d()).append("\"/>");
                continue;
            }
            if (state != null) {
                b.append(" data-state=\"").append(state).append("\" class=\"")
                        .append(state.equals("up") ? "t" + bucket(median(nodes)) : state).append('"');
            }
            b.append(" d=\"").append(s.d()).append("\"><title>").append(esc(title(s.name(), state, nodes)))
                    .append("</title></path>");
        }
        b.append("</svg>");
    }

    /** up: every node passed; part: some failed; down: all failed. */
    private static String state(List<Probe> nodes) {
        long failed = nodes.stream().filter(p -> !p.ok()).count();
        return failed == 0 ? "up" : failed == nodes.size() ? "down" : "part";
    }

    /** The median total of the nodes that passed, NaN when none did. */
    static double median(List<Probe> nodes) {
        double[] totals = nodes.stream().filter(Probe::ok).mapToDouble(Probe::totalMs).sorted().toArray();
        if (totals.length == 0) {
            return Double.NaN;
        }
        int mid = totals.length / 2;
        return totals.length % 2 == 1 ? totals[mid] : (totals[mid - 1] + totals[mid]) / 2;
    }

    static int bucket(double ms) {
        int i = 0;
        while (i < BUCKETS_MS.length && ms >= BUCKETS_MS[i]) {
            i++;
        }
        return i;
    }

    /** The hover text: the place, its state and median, then each node with its ISP, state and phases. */
    private static String title(String place, String state, List<Probe> nodes) {
        StringBuilder t = new StringBuilder(place);
        if (nodes.isEmpty()) {
            return t.append(": no node").toString();
        }
        t.append(": ").append(nodes.size()).append(nodes.size() == 1 ? " node, " : " nodes, ")
                .append(STATES.get(state)).append(", median total ").append(Html.ms(median(nodes)));
        for (Probe p : nodes) {
            t.append('\n').append(node(p)).append(": ").append(p.ok() ? "up" : "failing, " + p.reason());
            for (int i = 0; i < PHASE_NAMES.length; i++) {
                t.append(i == 0 ? " · " : ", ").append(PHASE_NAMES[i]).append(' ')
                        .append(Html.ms(p.phase(Rows.PHASES[i])));
            }
        }
        return t.toString();
    }

    /** The node's label with its ISP, unless the label already names it (江苏宿迁[电信]). */
    private static String node(Probe p) {
        String isp = p.isp() == null ? "" : p.isp().trim();
        return isp.isEmpty() || p.node().contains(isp) ? p.node() : p.node() + " [" + isp + "]";
    }

    private static String region(Probe p) {
        return p.region() == null ? "" : p.region().trim();
    }

    private static void legend(StringBuilder b) {
        b.append("<div class=\"legend\" id=\"map-legend\">");
        int from = 0;
        for (int i = 0; i <= BUCKETS_MS.length; i++) {
            String range = i == BUCKETS_MS.length ? "≥ " + from + " ms" : from + "–" + BUCKETS_MS[i] + " ms";
            b.append("<span><i class=\"sq\" style=\"background:").append(FILLS[i]).append("\"></i>all up, median ")
                    .append(range).append("</span>");
            from = i < BUCKETS_MS.length ? BUCKETS_MS[i] : from;
        }
        b.append("<span><i class=\"sq\" style=\"background:").append(PART).append("\"></i>some failing</span>")
                .append("<span><i class=\"sq\" style=\"background:var(--down)\"></i>all failing</span>")
                .append("<span><i class=\"sq\" style=\"background:var(--none)\"></i>no node</span></div>");
    }
}
