package io.bactrian.probe.kafka;

/**
 * A partition's last {@code capacity} observations (committed offset, lag, when the group last
 * committed it, whether a consumer was assigned), and Burrow's rules over them. The rules only
 * judge when the current lag is above the allowed lag, and in Burrow's order:
 * <ol>
 *   <li>STOP: no commit over the full window (the offset did not move), and lag was never at or
 *       below the allowed lag in the window;</li>
 *   <li>REWIND: the committed offset is below an earlier one in the window;</li>
 *   <li>OK: lag was at or below the allowed lag at some point in the window;</li>
 *   <li>STALL: the group commits but the committed offset did not move over the full window;</li>
 *   <li>WARN: over the full window lag never went down and ended higher than it started;</li>
 *   <li>otherwise OK.</li>
 * </ol>
 * "Commits over the window" means the last commit time changed between the window's first and
 * last observation. Where commit times are unknown ({@code __consumer_offsets} not readable,
 * or a source without them) it falls back to group membership: a member assigned the
 * partition counts as committing. An idle partition with zero lag is OK, never STOP.
 */
public final class StatusWindow {
    private final long[] committed;
    private final long[] lag;
    private final long[] commitAt;
    private final boolean[] assigned;
    private int start;
    private int size;

    public StatusWindow(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("window must be at least 2, got " + capacity);
        }
        committed = new long[capacity];
        lag = new long[capacity];
        commitAt = new long[capacity];
        assigned = new boolean[capacity];
    }

    /** One observation; {@code lastCommitMs} -1 when the commit time is unknown. */
    public void add(long committedOffset, long lagNow, long lastCommitMs, boolean consumerAssigned) {
        if (size == committed.length) {
            start = (start + 1) % committed.length;
            size--;
        }
        int i = (start + size) % committed.length;
        committed[i] = committedOffset;
        lag[i] = lagNow;
        commitAt[i] = lastCommitMs;
        assigned[i] = consumerAssigned;
        size++;
    }

    public void clear() {
        size = 0;
        start = 0;
    }

    public int size() {
        return size;
    }

    public boolean full() {
        return size == committed.length;
    }

    private int at(int i) {
        return (start + i) % committed.length;
    }

    public LagStatus status(long allowedLag) {
        if (size == 0) {
            return LagStatus.OK;
        }
        int last = at(size - 1);
        if (lag[last] <= allowedLag) {
            return LagStatus.OK;
        }
        boolean moved = false;
        boolean everAllowed = false;
        boolean neverDown = true;
        long maxCommitted = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            int k = at(i);
            if (i > 0) {
                int prev = at(i - 1);
                moved |= committed[k] != committed[prev];
                neverDown &= lag[k] >= lag[prev];
            }
            everAllowed |= lag[k] <= allowedLag;
            if (i < size - 1) {
                maxCommitted = Math.max(maxCommitted, committed[k]);
            }
        }
        long firstCommit = commitAt[at(0)];
        long lastCommit = commitAt[last];
        boolean committing = firstCommit >= 0 && lastCommit >= 0 ? lastCommit > firstCommit : assigned[last];
        if (full() && !moved && !committing && !everAllowed) {
            return LagStatus.STOP;
        }
        if (size > 1 && committed[last] < maxCommitted) {
            return LagStatus.REWIND;
        }
        if (everAllowed) {
            return LagStatus.OK;
        }
        if (full() && !moved) {
            return LagStatus.STALL;
        }
        if (full() && neverDown && lag[last] > lag[at(0)]) {
            return LagStatus.WARN;
        }
        return LagStatus.OK;
    }
}
