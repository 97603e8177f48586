package io.bactrian.probe.page;

import java.util.ArrayList;
import java.util.List;

import io.bactrian.core.Noteworthy;
import io.bactrian.core.Table;
import io.bactrian.core.TableDetail;
import io.bactrian.core.Timed;
import io.bactrian.probe.ProbeResult;

/**
 * What one look at a watched page found: every item picked, and those not there last time.
 *
 * @param first  true on the first look (nothing to compare with, so nothing is new)
 * @param items  the items picked, in page order
 * @param added  items not seen last time, in page order
 */
public record PageUpdate(ProbeResult probe, boolean first, List<Item> items, List<Item> added)
        implements Noteworthy, Timed, TableDetail {
    private static final int TITLES_IN_LINE = 5;

    @Override
    public String notice() {
        if (added.isEmpty()) {
            return null;
        }
        StringBuilder line = new StringBuilder().append(added.size()).append(" new: ");
        for (int i = 0; i < Math.min(TITLES_IN_LINE, added.size()); i++) {
            line.append(i == 0 ? "" : " · ").append(shorten(added.get(i).text()));
        }
        if (added.size() > TITLES_IN_LINE) {
            line.append(" and ").append(added.size() - TITLES_IN_LINE).append(" more");
        }
        return line.toString();
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 79) + "…";
    }

    /** The new items with their links: what the notice's mail and chat message list. */
    @Override
    public Table table() {
        if (added.isEmpty()) {
            return Table.NONE;
        }
        List<Table.Row> rows = new ArrayList<>();
        added.forEach(i -> rows.add(new Table.Row(List.of(i.text(), i.link().isEmpty() ? "-" : i.link()), false)));
        return new Table(List.of("New", "Link"), rows);
    }

    @Override
    public double totalMs() {
        return probe.totalMs();
    }
}
