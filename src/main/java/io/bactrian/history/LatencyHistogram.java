package io.bactrian.history;

import java.util.Arrays;

/**
 * Counts of latencies in buckets 2 % wide, so a day of probes keeps a few hundred numbers
 * per phase instead of every value, and p50/p95/p99 over any number of days can be read by
 * merging them. A percentile read here is the middle of the bucket holding the exact
 * nearest-rank percentile of the values: within 1 % of it. Values under 0.1 ms count as 0.
 */
public final class LatencyHistogram {
    private static final double FLOOR_MS = 0.1;
    private static final double STEP = 1.02;
    private static final double LOG_STEP = Math.log(STEP);

    /**
     * Count per bucket from bucket {@code first} on: only the range the values fall in, which
     * for one monitor's day is a few dozen buckets, not all 700 up to 80 s (the writer holds a
     * day's histograms of every monitor and node in memory).
     */
    private long[] counts = new long[0];
    private int first;
    private long total;

    /** The bucket of a value: 0 below 0.1 ms, then one per 2 % step. */
    static int bucket(double ms) {
        if (!(ms >= FLOOR_MS)) {
            return 0;
        }
        return 1 + (int) Math.floor(Math.log(ms / FLOOR_MS) / LOG_STEP + 1e-9);
    }

    /** The middle of a bucket (geometric), the value a percentile in it is reported as. */
    static double middle(int bucket) {
        return bucket == 0 ? 0 : FLOOR_MS * Math.pow(STEP, bucket - 1) * Math.sqrt(STEP);
    }

    /** What a percentile equal to {@code ms} reads as here. */
    public static double rounded(double ms) {
        return middle(bucket(ms));
    }

    public void add(double ms) {
        add(bucket(ms), 1);
    }

    private void add(int bucket, long n) {
        if (counts.length == 0) {
            counts = new long[8];
            first = Math.max(0, bucket - 4);
        } else if (bucket < first) {
            int grown = Math.max(0, Math.min(bucket, first - 8));
            long[] wider = new long[counts.length + first - grown];
            System.arraycopy(counts, 0, wider, first - grown, counts.length);
            counts = wider;
            first = grown;
        } else if (bucket >= first + counts.length) {
            counts = Arrays.copyOf(counts, Math.max(bucket - first + 8, counts.length * 3 / 2));
        }
        counts[bucket - first] += n;
        total += n;
    }

    public void addAll(LatencyHistogram other) {
        for (int k = 0; k < other.counts.length; k++) {
            if (other.counts[k] > 0) {
                add(other.first + k, other.counts[k]);
            }
        }
    }

    public long count() {
        return total;
    }

    /** Nearest-rank percentile, NaN when empty. */
    public double percentile(double p) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = Math.min(total, Math.max(1, (long) Math.ceil(p / 100.0 * total)));
        long seen = 0;
        for (int k = 0; k < counts.length; k++) {
            seen += counts[k];
            if (seen >= rank) {
                return middle(first + k);
            }
        }
        throw new IllegalStateException("counts add up to " + seen + ", not " + total);
    }

    public Stats.Percentiles percentiles() {
        return new Stats.Percentiles(percentile(50), percentile(95), percentile(99), (int) total);
    }

    /** As stored: {@code bucket:count} pairs separated by commas, in bucket order. */
    public String encode() {
        StringBuilder b = new StringBuilder(16 * counts.length);
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] > 0) {
                b.append(b.length() == 0 ? "" : ",").append(first + k).append(':').append(counts[k]);
            }
        }
        return b.toString();
    }

    public static LatencyHistogram decode(String text) {
        LatencyHistogram h = new LatencyHistogram();
        if (text == null || text.isEmpty()) {
            return h;
        }
        int i = 0;
        while (i < text.length()) {
            int colon = text.indexOf(':', i);
            int comma = text.indexOf(',', colon);
            int end = comma < 0 ? text.length() : comma;
            h.add(Integer.parseInt(text, i, colon, 10), Long.parseLong(text, colon + 1, end, 10));
            i = end + 1;
        }
        return h;
    }
}
