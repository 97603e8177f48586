package io.bactrian.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import io.bactrian.alert.AlertKind;
import io.bactrian.store.Rows;
import io.bactrian.store.Rows.Probe;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.TimeWindowMax;
import io.micrometer.core.instrument.util.TimeUtils;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;

/**
 * The series each monitor has ({@code bactrian_up}, {@code _down}, {@code _checks_total},
 * {@code _alerts_total}, {@code _probe_phase_seconds}), as one collector of the Prometheus registry
 * rather than one Micrometer meter per series. At 10,000 monitors that is 230,000 series, and
 * Micrometer's Prometheus registry makes and validates every series' labels again and sorts each
 * family on every scrape: over a second on two cores. Here a series' labels are made once, when it
 * first counts; a check is a map look-up and a few increments; a scrape hands the families over
 * already in label order. The figures are those Micrometer's counter, gauge and timer report; the
 * phase maximum is kept over the same window as a Prometheus registry's timer.
 */
final class MonitorSeries implements MultiCollector {
    private static final MetricMetadata UP = new MetricMetadata("bactrian_up",
            "1 when the monitor's last check passed", null);
    private static final MetricMetadata DOWN = new MetricMetadata("bactrian_down",
            "1 while the monitor has an open incident", null);
    private static final MetricMetadata CHECKS = new MetricMetadata("bactrian_checks", "checks run", null);
    private static final MetricMetadata ALERTS = new MetricMetadata("bactrian_alerts", "alert notices raised",
            null);
    private static final MetricMetadata PHASE = new MetricMetadata("bactrian_probe_phase_seconds",
            "probe phase durations", null);
    private static final MetricMetadata PHASE_MAX = new MetricMetadata("bactrian_probe_phase_seconds_max",
            "probe phase durations", null);
    /** The window a Prometheus registry gives a timer's maximum: its step, in DEFAULT's ring of buffers. */
    private static final DistributionStatisticConfig MAX_WINDOW = DistributionStatisticConfig.builder()
            .expiry(PrometheusConfig.DEFAULT.step()).build().merge(DistributionStatisticConfig.DEFAULT);
    /** Result labels in label order: "down" before "up". */
    private static final String[] RESULTS = {"down", "up"};
    private static final AlertKind[] KINDS_BY_NAME = sortedKinds();
    /** Indexes into {@link Rows#PHASES} in label order. */
    private static final int[] PHASES_BY_NAME = sortedPhases();
    private static final int UNSET = -1;

    private final Clock clock;
    private final Map<String, Monitor> monitors = new ConcurrentHashMap<>();

    MonitorSeries(Clock clock) {
        this.clock = clock;
    }

    Monitor of(String monitor) {
        Monitor m = monitors.get(monitor);
        return m != null ? m : monitors.computeIfAbsent(monitor, Monitor::new);
    }

    void forget(String monitor) {
        monitors.remove(monitor);
    }

    /** One monitor's series; each appears at its first count, as a Micrometer meter at its registration. */
    final class Monitor {
        private final String id;
        private final Labels labels;
        private volatile int up = UNSET;
        private volatile int down = UNSET;
        private final AtomicLongArray checks = new AtomicLongArray(RESULTS.length);
        private final Labels[] checkLabels = new Labels[RESULTS.length];
        private final AtomicLongArray alerts = new AtomicLongArray(AlertKind.values().length);
        private final Labels[] alertLabels = new Labels[AlertKind.values().length];
        private final Map<String, Phases> nodes = new ConcurrentHashMap<>();

        private Monitor(String id) {
            this.id = id;
            this.labels = Labels.of("monitor", id);
        }

        void checked(boolean passed) {
            int result = passed ? 1 : 0; // RESULTS[1] is "up"
            up = result;
            if (checkLabels[result] == null) {
                checkLabels[result] = Labels.of("monitor", id, "result", RESULTS[result]);
            }
            checks.incrementAndGet(result);
        }

        void alerted(AlertKind kind) {
            int k = kind.ordinal();
            if (alertLabels[k] == null) {
                alertLabels[k] = Labels.of("kind", kind.name(), "monitor", id);
            }
            alerts.incrementAndGet(k);
        }

        void down(boolean open) {
            down = open ? 1 : 0;
        }

        void probed(Probe p) {
            Phases phases = nodes.get(p.node());
            if (phases == null) {
                phases = nodes.computeIfAbsent(p.node(), node -> new Phases(id, node));
            }
            phases.record(p);
        }
    }

    /** A node's six phase timers of one monitor: count, total and maximum per phase. */
    private final class Phases {
        private final Labels[] labels = new Labels[Rows.PHASES.length];
        private final long[] count = new long[Rows.PHASES.length];
        private final long[] nanos = new long[Rows.PHASES.length];
        private final TimeWindowMax[] max = new TimeWindowMax[Rows.PHASES.length];

        Phases(String monitor, String node) {
            for (int i = 0; i < labels.length; i++) {
                labels[i] = Labels.of("monitor", monitor, "node", node, "phase", Rows.PHASES[i]);
                max[i] = new TimeWindowMax(clock, MAX_WINDOW);
            }
        }

        synchronized void record(Probe p) {
            for (int i = 0; i < labels.length; i++) {
                long ns = (long) (p.phase(Rows.PHASES[i]) * 1_000_000);
                if (ns >= 0) { // as a timer, which ignores a negative duration
                    count[i]++;
                    nanos[i] += ns;
                    max[i].record(ns, TimeUnit.NANOSECONDS);
                }
            }
        }

        synchronized void addTo(List<SummaryDataPointSnapshot> summaries, List<GaugeDataPointSnapshot> maxima) {
            for (int i : PHASES_BY_NAME) {
                if (count[i] > 0) {
                    summaries.add(new SummaryDataPointSnapshot(count[i], TimeUtils.nanosToUnit(nanos[i],
                            TimeUnit.SECONDS), Quantiles.EMPTY, labels[i], Exemplars.EMPTY, 0L));
                    maxima.add(new GaugeDataPointSnapshot(max[i].poll(TimeUnit.SECONDS), labels[i], null));
                }
            }
        }
    }

    @Override
    public MetricSnapshots collect() {
        List<Monitor> sorted = new ArrayList<>(monitors.values());
        sorted.sort(Comparator.comparing(m -> m.id));
        List<CounterDataPointSnapshot> alerts = new ArrayList<>();
        for (AlertKind kind : KINDS_BY_NAME) { // labels kind, monitor: by kind first
            for (Monitor m : sorted) {
                long n = m.alerts.get(kind.ordinal());
                if (n > 0) {
                    alerts.add(new CounterDataPointSnapshot(n, m.alertLabels[kind.ordinal()], null, 0L));
                }
            }
        }
        List<CounterDataPointSnapshot> checks = new ArrayList<>();
        List<GaugeDataPointSnapshot> up = new ArrayList<>();
        List<GaugeDataPointSnapshot> down = new ArrayList<>();
        List<SummaryDataPointSnapshot> phases = new ArrayList<>();
        List<GaugeDataPointSnapshot> maxima = new ArrayList<>();
        for (Monitor m : sorted) {
            for (int r = 0; r < RESULTS.length; r++) {
                long n = m.checks.get(r);
                if (n > 0) {
                    checks.add(new CounterDataPointSnapshot(n, m.checkLabels[r], null, 0L));
                }
            }
            gauge(up, m.up, m.labels);
            gauge(down, m.down, m.labels);
            List<String> nodes = new ArrayList<>(m.nodes.keySet());
            nodes.sort(null);
            for (String node : nodes) {
                m.nodes.get(node).addTo(phases, maxima);
            }
        }
        List<MetricSnapshot> families = new ArrayList<>();
        if (!alerts.isEmpty()) {
            families.add(new CounterSnapshot(ALERTS, alerts));
        }
        if (!checks.isEmpty()) {
            families.add(new CounterSnapshot(CHECKS, checks));
        }
        if (!down.isEmpty()) {
            families.add(new GaugeSnapshot(DOWN, down));
        }
        if (!phases.isEmpty()) {
            families.add(new SummarySnapshot(PHASE, phases));
            families.add(new GaugeSnapshot(PHASE_MAX, maxima));
        }
        if (!up.isEmpty()) {
            families.add(new GaugeSnapshot(UP, up));
        }
        return new MetricSnapshots(families);
    }

    private static void gauge(List<GaugeDataPointSnapshot> points, int value, Labels labels) {
        if (value != UNSET) {
            points.add(new GaugeDataPointSnapshot(value, labels, null));
        }
    }

    private static AlertKind[] sortedKinds() {
        AlertKind[] kinds = AlertKind.values();
        Arrays.sort(kinds, Comparator.comparing(AlertKind::name));
        return kinds;
    }

    private static int[] sortedPhases() {
        Integer[] order = new Integer[Rows.PHASES.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(i -> Rows.PHASES[i]));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }
}
