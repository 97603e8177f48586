package io.camelmonitor.history;

import java.util.List;

import io.camelmonitor.alert.AlertEvent;
import io.camelmonitor.history.Rows.Check;
import io.camelmonitor.history.Rows.Lag;
import io.camelmonitor.history.Rows.Probe;

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
