package io.camelmonitor.node;

import java.util.Comparator;
import java.util.List;

/** A speed test's outcome: one row per node, failing rows first, and the quorum's verdict. */
public record SpeedReport(String url, List<SpeedRow> rows, String verdict) {

    public SpeedReport {
        rows = rows.stream().sorted(Comparator.comparing(SpeedRow::ok)).toList();
    }

    public List<SpeedRow> failed() {
        return rows.stream().filter(r -> !r.ok()).toList();
    }
}
