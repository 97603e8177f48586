package io.bactrian.history;

import java.util.ArrayList;
import java.util.List;

/** The figures the status page shows, computed from stored rows: pure functions, no database. */
public final class Stats {
    private Stats() {
    }

    /** p50, p95 and p99 of a phase's latencies (see {@link LatencyHistogram}), and how many there were. */
    public record Percentiles(double p50, double p95, double p99, int samples) {
    }

    /** Percentage of passing checks, NaN when there were none. */
    public static double uptimePercent(long up, long checks) {
        return checks == 0 ? Double.NaN : 100.0 * up / checks;
    }

    /** One outage: from the first failure to the RESOLVED alert; {@code endMs} null while it lasts. */
    public record Incident(String monitor, long startMs, Long endMs, String failureClass, String reason) {
        public long durationMs(long nowMs) {
            return (endMs == null ? nowMs : endMs) - startMs;
        }

        public boolean open() {
            return endMs == null;
        }
    }

    /**
     * Incidents from one monitor's alert events in time order: DOWN opens one (at its
     * down-since), RESOLVED closes it, a REMINDER opens one only when its DOWN is no longer kept.
     */
    public static List<Incident> incidents(List<StoredAlert> alerts) {
        List<Incident> out = new ArrayList<>();
        Incident open = null;
        for (StoredAlert a : alerts) {
            switch (a.kind()) {
                case "DOWN", "REMINDER" -> {
                    if (open == null) {
                        long start = a.downSinceMs() != null ? a.downSinceMs() : a.atMs();
                        open = new Incident(a.monitor(), start, null, a.failureClass(), a.reason());
                    }
                }
                case "RESOLVED" -> {
                    if (open != null) {
                        out.add(new Incident(open.monitor(), open.startMs(), a.atMs(), open.failureClass(),
                                open.reason()));
                        open = null;
                    }
                }
                default -> {
                }
            }
        }
        if (open != null) {
            out.add(open);
        }
        return out;
    }

    /** An alert event as stored. */
    public record StoredAlert(String monitor, long atMs, String kind, Long downSinceMs, String failureClass,
                              String reason) {
    }
}
