package io.bactrian.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.bactrian.core.Table;
import io.bactrian.probe.ProbeResult;
import io.bactrian.probe.speedtest.SpeedReport;
import io.bactrian.probe.speedtest.SpeedRow;

/**
 * A speed test's per-node table, as the article's alert showed it: failing rows first, with
 * the reason per row; rendered for mail (HTML and plain text) and chat (markdown).
 */
public final class NodeTable {
    public static final List<String> HEADER = List.of("Node", "Region", "ISP", "IP", "Status", "Total ms", "DNS ms",
            "Connect ms", "TLS ms", "First byte ms", "Download ms", "Size", "Result");

    private NodeTable() {
    }

    /** One row per node, failing first as the report orders them. */
    public static Table rows(SpeedReport report) {
        List<Table.Row> rows = new ArrayList<>();
        for (SpeedRow row : report.rows()) {
            ProbeResult r = row.result().result();
            boolean measured = r.completed();
            rows.add(new Table.Row(List.of(row.result().label(),
                    (nz(row.result().node().province()) + nz(row.result().node().city())),
                    nz(row.result().node().isp()), r.ip() == null ? "-" : r.ip(),
                    r.status() == 0 ? "-" : String.valueOf(r.status()),
                    ms(r.totalMs(), true), ms(r.dnsMs(), measured), ms(r.connectMs(), measured), ms(r.tlsMs(), measured),
                    ms(r.ttfbMs(), measured), ms(r.downloadMs(), measured), measured ? String.valueOf(r.sizeBytes()) : "-",
                    row.ok() ? "ok" : row.failureClass() + ": " + row.reason()), !row.ok()));
        }
        return new Table(HEADER, rows);
    }

    static String plain(Table table) {
        if (table.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\r\n").append(String.join(" | ", table.header())).append("\r\n");
        for (Table.Row row : table.rows()) {
            sb.append(String.join(" | ", row.cells())).append("\r\n");
        }
        return sb.toString();
    }

    static String html(Table table) {
        if (table.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("<table border=\"1\" cellpadding=\"4\" style=\"border-collapse:collapse;"
                + "margin-top:12px\">");
        htmlRow(sb, "<tr>", "th", table.header());
        for (Table.Row row : table.rows()) {
            htmlRow(sb, row.failed() ? "<tr style=\"background:#fde2e1\">" : "<tr>", "td", row.cells());
        }
        return sb.append("</table>").toString();
    }

    private static void htmlRow(StringBuilder sb, String tr, String cell, List<String> cells) {
        sb.append(tr);
        for (String v : cells) {
            sb.append('<').append(cell).append('>').append(AlertMail.escape(v)).append("</").append(cell).append('>');
        }
        sb.append("</tr>");
    }

    /** The table as markdown, for chat channels. */
    public static String markdown(Table table) {
        StringBuilder sb = new StringBuilder();
        if (table.isEmpty()) {
            return "";
        }
        sb.append("| ").append(String.join(" | ", table.header())).append(" |\n");
        sb.append("|").append(" --- |".repeat(table.header().size())).append('\n');
        for (Table.Row row : table.rows()) {
            sb.append("| ").append(String.join(" | ", row.cells())).append(" |\n");
        }
        return sb.toString();
    }

    /**
     * The table as one line per row, for WeCom's markdown, which shows no tables but colours
     * text: the first cell orange-red on a failing row, green on the others, then the last
     * cell (a check's result, a new item's link) and each other known cell with its column's name.
     */
    public static String colouredLines(Table table) {
        StringBuilder sb = new StringBuilder();
        List<String> header = table.header();
        for (Table.Row row : table.rows()) {
            List<String> cells = row.cells();
            int last = cells.size() - 1;
            sb.append("<font color=\"").append(row.failed() ? "warning" : "info").append("\">").append(cells.get(0))
                    .append("</font>");
            if (last > 0) {
                sb.append(' ').append(cells.get(last));
            }
            for (int i = 1; i < last; i++) {
                if (!cells.get(i).equals("-") && !cells.get(i).isEmpty()) {
                    sb.append(" · ").append(header.get(i)).append(' ').append(cells.get(i));
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
