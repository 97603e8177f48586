package io.bactrian.probe.speedtest;

import java.util.List;

/**
 * One node's row, judged.
 *
 * @param result       where it ran and what it measured
 * @param failureClass null when the row passes; else e.g. "timeout", "DNS hijack", "threshold"
 * @param reasons      why it fails, one per broken rule; empty when it passes
 */
public record SpeedRow(NodeResult result, String failureClass, List<String> reasons) {

    public boolean ok() {
        return failureClass == null;
    }

    public String reason() {
        return String.join("; ", reasons);
    }
}
