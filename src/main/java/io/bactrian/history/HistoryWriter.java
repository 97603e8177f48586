package io.bactrian.history;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.bactrian.alert.AlertEvent;
import io.bactrian.core.CheckResult;
import io.bactrian.core.Timed;
import io.bactrian.history.Stats.StoredAlert;
import io.bactrian.store.HistoryRows;
import io.bactrian.store.Rows;
import io.bactrian.store.Rows.Check;
import io.bactrian.store.Rows.Lag;
import io.bactrian.store.Rows.Probe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of the history. The route steps only put rows on a bounded queue
 * ({@link #record}, {@link #recordAlert}); one thread inserts them in batches
 * ({@link RowInserts}), so a slow database never holds up a probe. It lets rows gather for up
 * to {@link #LINGER_MS} before it writes, so at 10,000 checks a minute a batch holds hundreds
 * of rows, not one. When the queue is full a row is dropped and counted, never waited for.
 *
 * <p>The thread opens the database first: rows queue until it is open.
 */
public final class HistoryWriter {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);
    private static final int BATCH = 1000;
    /** How long the writer lets rows gather after the first one before it writes them. */
    static final long LINGER_MS = 1000;
    /** Put on the queue by {@link #flush}: the writer writes what it has without lingering. */
    private static final Object HURRY = new Object();

    private final HistoryDatabase database;
    private final MonitorStates states;
    private final HistoryListener listener;
    private final BlockingQueue<Object> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    private volatile Thread thread;
    private volatile boolean stopping;
    private RowInserts inserts;

    HistoryWriter(HistoryDatabase database, MonitorStates states, int queueSize, HistoryListener listener) {
        this.database = database;
        this.states = states;
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.listener = listener == null ? HistoryListener.NONE : listener;
    }

    /** Starts the thread: it opens the database, runs {@code then} on it, and writes until stopped. */
    void start(HistoryDatabase.Opening then) {
        stopping = false;
        Thread t = new Thread(() -> {
            if (database.open((write, read) -> {
                inserts = new RowInserts(write);
                then.opened(write, read);
            }, () -> stopping)) {
                writeLoop();
            } else if (!queue.isEmpty()) {
                LOG.warn("{} history rows not written: the database never opened ({})", queue.size(),
                        database.openFailure());
            }
        }, "history-writer");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Writes what is queued, then stops the thread. */
    void stop() throws InterruptedException {
        Thread t = thread;
        if (t != null) {
            database.settle();
        }
        stopping = true;
        if (t != null) {
            t.interrupt();
            t.join(10_000);
        }
        thread = null;
        if (inserts != null) {
            inserts.close();
            inserts = null;
        }
    }

    // ---- recording: called from the routes, never blocks ------------------------------------

    /** Keeps one check and the rows its detail holds ({@link HistoryRows}); the body passes on unchanged. */
    public void record(CheckResult result) {
        if (result == null) {
            return;
        }
        long at = result.at() == null ? System.currentTimeMillis() : result.at().toEpochMilli();
        HistoryRows rows = result.detail() instanceof HistoryRows r ? r : HistoryRows.NONE;
        List<Probe> probes = rows.probes(result, at);
        Double total = null;
        if (!probes.isEmpty()) {
            total = probes.stream().mapToDouble(Probe::totalMs).average().orElse(0);
        } else if (result.detail() instanceof Timed timed) {
            total = timed.totalMs();
        }
        Check check = new Check(result.monitor(), at, result.up(), total, result.failureClass(), result.reason(),
                result.target());
        listener.checked(check, probes);
        // the probes before their check: once the check is written (and shown), so are they
        probes.forEach(this::offer);
        offer(check);
        List<Lag> lags = rows.lags(result, at);
        if (!lags.isEmpty()) {
            listener.lagged(result.monitor(), lags);
            lags.forEach(this::offer);
        }
    }

    /** Keeps one alert event (DOWN, REMINDER, RESOLVED). */
    public void recordAlert(AlertEvent event) {
        if (event == null) {
            return;
        }
        listener.alerted(event);
        offer(new StoredAlert(event.monitor(), event.at().toEpochMilli(), event.kind().name(),
                event.downSince() == null ? null : event.downSince().toEpochMilli(), event.failureClass(),
                event.reason()));
    }

    /**
     * Adds rows directly, for imports and benchmarks; they go through the same queue, and a
     * check or an alert changes the monitor's state in memory as a recorded one does.
     */
    public void offer(Object row) {
        if (row instanceof Check k) {
            states.checked(k);
        } else if (row instanceof StoredAlert a) {
            states.alerted(a);
        }
        if (queue.offer(row)) {
            queued.incrementAndGet();
        } else {
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                LOG.warn("History queue full: {} rows dropped so far (the database is too slow)", n);
            }
        }
    }

    public long queueDepth() {
        return queue.size();
    }

    public long dropped() {
        return dropped.get();
    }

    /** Waits until every row recorded so far has been written, or has failed to be (tests, shutdown). */
    public boolean flush(Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        long target = queued.get();
        // a full queue needs no hurry: a whole batch goes without lingering
        queue.offer(HURRY);
        while (handled.get() < target) {
            if (System.nanoTime() > until) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    // ---- the thread ---------------------------------------------------------------------------

    private void writeLoop() {
        List<Object> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                if (batch.isEmpty()) {
                    Object first = queue.poll(500, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (stopping) {
                            return;
                        }
                        continue;
                    }
                    batch.add(first);
                }
                gather(batch);
            } catch (InterruptedException e) {
                queue.drainTo(batch);
                stopping = true;
            }
            batch.removeIf(row -> row == HURRY);
            if (!batch.isEmpty()) {
                try {
                    inserts.write(batch);
                    for (Object row : batch) {
                        if (row instanceof Check k) {
                            states.wrote(k);
                        }
                    }
                } catch (SQLException | RuntimeException e) {
                    LOG.warn("Could not write {} history rows: {}", batch.size(), e.getMessage());
                }
                handled.addAndGet(batch.size());
            }
            batch.clear();
            if (stopping && queue.isEmpty()) {
                return;
            }
        }
    }

    /** Adds what comes within {@link #LINGER_MS} of the first row, up to a whole batch or a flush. */
    private void gather(List<Object> batch) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MS);
        int seen = 0;
        while (true) {
            for (; seen < batch.size(); seen++) {
                if (batch.get(seen) == HURRY) {
                    return;
                }
            }
            if (batch.size() >= BATCH || stopping) {
                return;
            }
            Object next = queue.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, BATCH - batch.size());
        }
    }
}
