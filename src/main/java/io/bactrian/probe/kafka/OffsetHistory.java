package io.bactrian.probe.kafka;

/**
 * A partition's log-end offsets over time, as kafka-lag-exporter keeps them: a bounded table of
 * (offset, time) points, oldest first, from which the time the log end was at a given offset
 * is read by linear interpolation. Lag in seconds is then {@code now - time(committed)}: how
 * long ago the oldest unconsumed message was produced.
 *
 * <p>A flat run (the log end not moving) keeps only its first and last point, so an idle
 * partition does not push useful points out. Memory: two {@code long} per point,
 * {@code capacity} points, allocated once.
 */
public final class OffsetHistory {
    private final long[] offsets;
    private final long[] times;
    private int start;
    private int size;

    public OffsetHistory(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("history must hold at least 2 points, got " + capacity);
        }
        offsets = new long[capacity];
        times = new long[capacity];
    }

    public int size() {
        return size;
    }

    private int at(int i) {
        return (start + i) % offsets.length;
    }

    /** Records the log-end offset seen at {@code timeMs}. */
    public void add(long offset, long timeMs) {
        if (size > 0) {
            long last = offsets[at(size - 1)];
            if (offset < last || timeMs < times[at(size - 1)]) {
                size = 0; // log truncated or topic re-created: the old points say nothing any more
                start = 0;
            } else if (offset == last && size >= 2 && offsets[at(size - 2)] == offset) {
                times[at(size - 1)] = timeMs; // extend the flat run
                return;
            }
        }
        if (size == offsets.length) {
            start = (start + 1) % offsets.length;
            size--;
        }
        offsets[at(size)] = offset;
        times[at(size)] = timeMs;
        size++;
    }

    /**
     * When the log end was at {@code offset}, in epoch milliseconds: interpolated between the
     * newest two points around it, extrapolated from the table's overall rate below its oldest
     * point; NaN when the table has fewer than two distinct offsets.
     */
    public double timeAt(long offset) {
        if (size < 2 || offsets[at(0)] == offsets[at(size - 1)]) {
            return Double.NaN;
        }
        for (int i = size - 2; i >= 0; i--) {
            long o0 = offsets[at(i)];
            long o1 = offsets[at(i + 1)];
            if (o0 <= offset && offset <= o1 && o0 < o1) {
                long t0 = times[at(i)];
                return t0 + (double) (offset - o0) / (o1 - o0) * (times[at(i + 1)] - t0);
            }
        }
        long oFirst = offsets[at(0)];
        long tFirst = times[at(0)];
        long oLast = offsets[at(size - 1)];
        long tLast = times[at(size - 1)];
        if (offset < oFirst) {
            double msPerMessage = (double) (tLast - tFirst) / (oLast - oFirst);
            return tFirst - (oFirst - offset) * msPerMessage;
        }
        return tLast; // at or beyond the newest point
    }

    /**
     * Seconds the consumer is behind: 0 when it is at the log end, NaN while there are too few
     * points to tell, otherwise {@code now - timeAt(committed)}.
     */
    public double lagSeconds(long committed, long logEnd, long nowMs) {
        if (committed >= logEnd) {
            return 0;
        }
        double t = timeAt(committed);
        return Double.isNaN(t) ? Double.NaN : Math.max(0, (nowMs - t) / 1000.0);
    }
}
