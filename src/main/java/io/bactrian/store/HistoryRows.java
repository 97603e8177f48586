package io.bactrian.store;

import java.util.List;

import io.bactrian.core.CheckResult;
import io.bactrian.store.Rows.Lag;
import io.bactrian.store.Rows.Probe;

/**
 * A check result's detail that holds rows for the history beside the check itself: the probe
 * of each node it asked, the topics of a Kafka group. The history keeps what the detail gives,
 * so a new kind of result adds its rows without the history knowing the kind.
 */
public interface HistoryRows {
    /** A detail holding no rows beyond the check. */
    HistoryRows NONE = new HistoryRows() {
    };

    /** The probes of this run, one per node asked (a plain HTTP probe: one, from node "local"). */
    default List<Probe> probes(CheckResult result, long atMs) {
        return List.of();
    }

    /** One row per group and topic evaluated in this run. */
    default List<Lag> lags(CheckResult result, long atMs) {
        return List.of();
    }
}
