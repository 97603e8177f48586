package io.bactrian.probe.speedtest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.bactrian.core.CheckResult;
import io.bactrian.store.HistoryRows;
import io.bactrian.store.Rows.Probe;

/** A speed test's outcome: one row per node, failing rows first, and the quorum's verdict. */
public record SpeedReport(String url, List<SpeedRow> rows, String verdict) implements HistoryRows {

    public SpeedReport {
        rows = rows.stream().sorted(Comparator.comparing(SpeedRow::ok)).toList();
    }

    public List<SpeedRow> failed() {
        return rows.stream().filter(r -> !r.ok()).toList();
    }

    /** A probe per node, passing or failing on its own whatever the quorum concluded. */
    @Override
    public List<Probe> probes(CheckResult result, long atMs) {
        List<Probe> out = new ArrayList<>();
        for (SpeedRow row : rows) {
            NodeResult n = row.result();
            String region = (nz(n.node().province()) + nz(n.node().city())).trim();
            out.add(n.result().row(result.monitor(), atMs, n.label(), region, nz(n.node().isp()), row.ok(),
                    row.ok() ? null : row.reason()));
        }
        return out;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
