package io.bactrian.history;

import java.util.List;

import io.bactrian.alert.AlertEvent;
import io.bactrian.store.Rows;
import io.bactrian.store.Rows.Check;
import io.bactrian.store.Rows.Lag;
import io.bactrian.store.Rows.Probe;

/** Receives every row as it is recorded, e.g. the metrics. */
public interface HistoryListener {
    void checked(Check check, List<Probe> probes);

    void alerted(AlertEvent event);

    /** A Kafka group's topics at one evaluation. */
    default void lagged(String monitor, List<Lag> topics) {
    }

    HistoryListener NONE = new HistoryListener() {
        @Override
        public void checked(Check check, List<Probe> probes) {
        }

        @Override
        public void alerted(AlertEvent event) {
        }
    };
}
