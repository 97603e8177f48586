package io.bactrian.history;

import io.bactrian.store.Rows;
import io.bactrian.store.Rows.Probe;

/**
 * One day of one node's answered probes for one monitor, as the rollup keeps it: how many,
 * the sum of each phase (for the mean a chart draws) and each phase's histogram (for the
 * percentiles). Phases in the order of {@link Rows#PHASES}.
 */
public final class LatencyDay {
    private final String monitor;
    private final String node;
    private final long dayMs;
    private long samples;
    private final double[] sums = new double[Rows.PHASES.length];
    private final LatencyHistogram[] histograms = new LatencyHistogram[Rows.PHASES.length];
    /** Whether the database has this row: the rollup then updates it rather than inserting it. */
    private boolean stored;

    public LatencyDay(String monitor, String node, long dayMs) {
        this.monitor = monitor;
        this.node = node;
        this.dayMs = dayMs;
        for (int i = 0; i < histograms.length; i++) {
            histograms[i] = new LatencyHistogram();
        }
    }

    /** Counts a probe that got an answer; one without (status 0) has no latency to keep. */
    public void add(Probe p) {
        if (p.status() <= 0) {
            return;
        }
        samples++;
        for (int i = 0; i < Rows.PHASES.length; i++) {
            double v = p.phase(Rows.PHASES[i]);
            sums[i] += v;
            histograms[i].add(v);
        }
    }

    /** As read back from the database. */
    void set(long samples, double[] sums, String[] histograms) {
        this.stored = true;
        this.samples = samples;
        for (int i = 0; i < Rows.PHASES.length; i++) {
            this.sums[i] = sums[i];
            this.histograms[i] = LatencyHistogram.decode(histograms[i]);
        }
    }

    boolean stored() {
        return stored;
    }

    void markStored() {
        stored = true;
    }

    public String monitor() {
        return monitor;
    }

    public String node() {
        return node;
    }

    public long dayMs() {
        return dayMs;
    }

    public long samples() {
        return samples;
    }

    public double sum(int phase) {
        return sums[phase];
    }

    public LatencyHistogram histogram(int phase) {
        return histograms[phase];
    }
}
