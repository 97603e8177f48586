package io.bactrian.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.bactrian.alert.AlertEvent;
import io.bactrian.alert.AlertKind;
import io.bactrian.channel.AlertQueue;
import io.bactrian.channel.list.Channels;
import io.bactrian.probe.kafka.LagStatus;
import io.bactrian.store.Rows;
import io.bactrian.store.Rows.Check;
import io.bactrian.store.Rows.Lag;
import io.bactrian.store.Rows.Probe;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The monitors' own metrics, on the same Prometheus registry as Camel's route metrics
 * (Prometheus names in brackets). Per monitor, kept by {@link MonitorSeries} so that a check and a
 * scrape stay cheap at 10,000 monitors:
 * <ul>
 * <li>{@code bactrian.probe.phase} timer per monitor, node and phase
 *     ({@code bactrian_probe_phase_seconds_count|sum|max})</li>
 * <li>{@code bactrian.up} 1 when the last check passed, 0 when it failed ({@code bactrian_up})</li>
 * <li>{@code bactrian.down} 1 while an incident is open ({@code bactrian_down})</li>
 * <li>{@code bactrian.checks} per monitor and result ({@code bactrian_checks_total})</li>
 * <li>{@code bactrian.alerts} per monitor and kind ({@code bactrian_alerts_total})</li>
 * </ul>
 * As Micrometer meters:
 * <ul>
 * <li>{@code bactrian.mail.queue.depth} mails waiting to be sent ({@code bactrian_mail_queue_depth})</li>
 * <li>{@code bactrian.outbox.depth} per channel, alerts waiting to be sent ({@code bactrian_outbox_depth}),
 *     and {@code bactrian.outbox.failed} those refused for good ({@code bactrian_outbox_failed})</li>
 * <li>{@code bactrian.history.queue.depth} rows waiting for the database, and
 *     {@code bactrian.history.dropped} rows dropped because that queue was full
 *     ({@code bactrian_history_queue_depth}, {@code bactrian_history_dropped_total})</li>
 * <li>{@code bactrian.kafka.lag} and {@code bactrian.kafka.lag.seconds} per Kafka lag monitor, group
 *     and topic at the last evaluation, NaN while unknown ({@code bactrian_kafka_lag},
 *     {@code bactrian_kafka_lag_seconds}), and {@code bactrian.kafka.status} 1 for the topic's
 *     current status, 0 for the others ({@code bactrian_kafka_status})</li>
 * </ul>
 */
public class MonitorMetrics implements HistoryListener {
    private final MeterRegistry registry;
    private final MonitorSeries series;
    private final Map<List<String>, TopicLag> lags = new ConcurrentHashMap<>();

    /** A topic's figures at the last evaluation, read by its gauges. */
    private static final class TopicLag {
        volatile double lag = Double.NaN;
        volatile double seconds = Double.NaN;
        volatile String status = "";
        final List<Gauge> gauges = new ArrayList<>();
    }

    public MonitorMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.series = new MonitorSeries(registry.config().clock());
        registry.getPrometheusRegistry().register(series);
    }

    /**
     * Gauges of the alert queue: waiting, and refused for good, per channel. They hold their
     * counts strongly: Micrometer's gauges otherwise keep only a weak reference, and a
     * collected object reads NaN.
     */
    public void watch(AlertQueue queue) {
        QueueCounts queued = new QueueCounts(queue, "queued");
        QueueCounts failed = new QueueCounts(queue, "failed");
        Gauge.builder("bactrian.mail.queue.depth", queued, q -> q.of("mail"))
                .description("alert mails waiting to be sent").strongReference(true).register(registry);
        for (String channel : Channels.NAMES) {
            Gauge.builder("bactrian.outbox.depth", queued, q -> q.of(channel))
                    .description("alerts waiting to be sent to a channel").tag("channel", channel)
                    .strongReference(true).register(registry);
            Gauge.builder("bactrian.outbox.failed", failed, q -> q.of(channel))
                    .description("alerts a channel refused for good, kept for the history's retention")
                    .tag("channel", channel).strongReference(true).register(registry);
        }
    }

    /** One count of the queue per scrape, not one per channel's gauge. */
    private static final class QueueCounts {
        private final AlertQueue queue;
        private final String state;
        private Map<String, Integer> counts;
        private long readAt;

        QueueCounts(AlertQueue queue, String state) {
            this.queue = queue;
            this.state = state;
        }

        synchronized double of(String channel) {
            long now = System.nanoTime();
            if (counts == null || now - readAt > 1_000_000_000L) {
                counts = queue.count(state);
                readAt = now;
            }
            return counts.getOrDefault(channel, 0);
        }
    }

    /** Gauges of the history writer's queue. */
    public void watch(HistoryWriter writer) {
        Gauge.builder("bactrian.history.queue.depth", writer, w -> w.queueDepth())
                .description("history rows waiting to be written").register(registry);
        FunctionCounter.builder("bactrian.history.dropped", writer, w -> w.dropped())
                .description("history rows dropped because the queue was full").register(registry);
    }

    @Override
    public void checked(Check check, List<Probe> probes) {
        series.of(check.monitor()).checked(check.up());
        for (Probe p : probes) {
            series.of(p.monitor()).probed(p);
        }
    }

    @Override
    public void alerted(AlertEvent event) {
        MonitorSeries.Monitor m = series.of(event.monitor());
        m.alerted(event.kind());
        if (event.kind() != AlertKind.NOTICE) { // a notice is news, not a change of the incident
            m.down(event.kind() != AlertKind.RESOLVED);
        }
    }

    /**
     * Drops a monitor's series, for a monitor taken off the monitor list: else its last values
     * stay on /metrics for as long as the process runs. Call it once the monitor no longer fires:
     * a check still under way would count under its id again.
     */
    public void forget(String monitor) {
        series.forget(monitor);
        lags.entrySet().removeIf(e -> {
            if (!e.getKey().get(0).equals(monitor)) {
                return false;
            }
            e.getValue().gauges.forEach(registry::remove);
            return true;
        });
    }

    @Override
    public void lagged(String monitor, List<Lag> topics) {
        for (Lag l : topics) {
            TopicLag t = lags.computeIfAbsent(List.of(monitor, l.group(), l.topic()), k -> register(monitor, l));
            t.lag = l.lag() == null ? Double.NaN : l.lag();
            t.seconds = l.lagSeconds() == null ? Double.NaN : l.lagSeconds();
            t.status = l.status();
        }
    }

    private TopicLag register(String monitor, Lag l) {
        TopicLag t = new TopicLag();
        t.gauges.add(Gauge.builder("bactrian.kafka.lag", t, x -> x.lag).description("consumer lag in messages")
                .tag("monitor", monitor).tag("group", l.group()).tag("topic", l.topic()).register(registry));
        t.gauges.add(Gauge.builder("bactrian.kafka.lag.seconds", t, x -> x.seconds)
                .description("consumer lag in seconds").tag("monitor", monitor).tag("group", l.group())
                .tag("topic", l.topic()).register(registry));
        for (LagStatus status : LagStatus.values()) {
            t.gauges.add(Gauge.builder("bactrian.kafka.status", t, x -> x.status.equals(status.name()) ? 1 : 0)
                    .description("1 for the topic's current Burrow-style status").tag("monitor", monitor)
                    .tag("group", l.group()).tag("topic", l.topic()).tag("status", status.name())
                    .register(registry));
        }
        return t;
    }
}
