package io.camelmonitor.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.camelmonitor.node.SpeedReport;
import io.camelmonitor.node.SpeedRow;
import io.camelmonitor.probe.ProbeResult;

/**
 * A speed test's per-node table, as the article's alert showed it: failing rows first, with
 * the reason per row; rendered for mail (HTML and plain text) and chat (markdown).
 */
public final class NodeTable {
    public static final List<String> HEADER = List.of("Node", "Region", "ISP", "IP", "Status", "Total ms", "DNS ms",
            "Connect ms", "TLS ms", "First byte ms", "Download ms", "Size", "Result");

    private NodeTable() {
    }

    /** Header first, then one row per node. */
    public static List<List<String>> rows(SpeedReport report) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (SpeedRow row : report.rows()) {
            ProbeResult r = row.result().result();
            boolean measured = r.completed();
            rows.add(List.of(row.result().label(),
                    (nz(row.result().node().province()) + nz(row.result().node().city())),
                    nz(row.result().node().isp()), r.ip() == null ? "-" : r.ip(),
                    r.status() == 0 ? "-" : String.valueOf(r.status()),
                    ms(r.totalMs(), true), ms(r.dnsMs(), measured), ms(r.connectMs(), measured), ms(r.tlsMs(), measured),
                    ms(r.ttfbMs(), measured), ms(r.downloadMs(), measured), measured ? String.valueOf(r.sizeBytes()) : "-",
                    row.ok() ? "ok" : row.failureClass() + ": " + row.reason()));
        }
        return rows;
    }

    static String plain(List<List<String>> table) {
        if (table.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\r\n");
        for (List<String> row : table) {
            sb.append(String.join(" | ", row)).append("\r\n");
        }
        return sb.toString();
    }

    static String html(List<List<String>> table) {
        if (table.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("<table border=\"1\" cellpadding=\"4\" style=\"border-collapse:collapse;"
                + "margin-top:12px\">");
        for (int i = 0; i < table.size(); i++) {
            String cell = i == 0 ? "th" : "td";
            List<String> header = table.get(0);
            boolean failing = i > 0 && header.get(header.size() - 1).equals("Result")
                    && !table.get(i).get(table.get(i).size() - 1).equals("ok"); // see TableDetail
            sb.append(failing ? "<tr style=\"background:#fde2e1\">" : "<tr>");
            for (String v : table.get(i)) {
                sb.append('<').append(cell).append('>').append(AlertMail.escape(v)).append("</").append(cell).append('>');
            }
            sb.append("</tr>");
        }
        return sb.append("</table>").toString();
    }

    /** The table as markdown, for chat channels. */
    public static String markdown(List<List<String>> table) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < table.size(); i++) {
            sb.append("| ").append(String.join(" | ", table.get(i))).append(" |\n");
            if (i == 0) {
                sb.append("|").append(" --- |".repeat(table.get(0).size())).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * The table as one line per row, for WeCom's markdown, which shows no tables but colours
     * text: the first cell orange-red on a failing row (see {@link TableDetail}), green on the
     * others, then the result and each other known cell with its column's name.
     */
    public static String colouredLines(List<List<String>> table) {
        StringBuilder sb = new StringBuilder();
        List<String> header = table.isEmpty() ? List.of() : table.get(0);
        int result = header.lastIndexOf("Result");
        for (List<String> row : table.subList(Math.min(1, table.size()), table.size())) {
            boolean failing = result >= 0 && !row.get(result).equals("ok");
            sb.append("<font color=\"").append(failing ? "warning" : "info").append("\">").append(row.get(0))
                    .append("</font>");
            if (result > 0) {
                sb.append(' ').append(row.get(result));
            }
            for (int i = 1; i < row.size(); i++) {
                if (i != result && !row.get(i).equals("-") && !row.get(i).isEmpty()) {
                    sb.append(" · ").append(header.get(i)).append(' ').append(row.get(i));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String ms(double v, boolean measured) {
        return measured ? String.format(Locale.ROOT, "%.1f", v) : "-";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
