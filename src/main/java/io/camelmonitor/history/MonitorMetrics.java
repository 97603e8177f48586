package io.camelmonitor.history;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.camelmonitor.alert.AlertEvent;
import io.camelmonitor.alert.AlertKind;
import io.camelmonitor.channel.AlertQueue;
import io.camelmonitor.channel.ChannelSenders;
import io.camelmonitor.history.Rows.Check;
import io.camelmonitor.history.Rows.Lag;
import io.camelmonitor.kafka.LagStatus;
import io.camelmonitor.history.Rows.Probe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The monitors' own metrics, on the same Micrometer registry as Camel's route metrics
 * (Prometheus names in brackets):
 * <ul>
 * <li>{@code camel.monitor.probe.phase} timer per monitor, node and phase
 *     ({@code camel_monitor_probe_phase_seconds_count|sum|max})</li>
 * <li>{@code camel.monitor.up} 1 when the last check passed, 0 when it failed ({@code camel_monitor_up})</li>
 * <li>{@code camel.monitor.down} 1 while an incident is open ({@code camel_monitor_down})</li>
 * <li>{@code camel.monitor.checks} per monitor and result ({@code camel_monitor_checks_total})</li>
 * <li>{@code camel.monitor.alerts} per monitor and kind ({@code camel_monitor_alerts_total})</li>
 * <li>{@code camel.monitor.mail.queue.depth} mails waiting to be sent ({@code camel_monitor_mail_queue_depth})</li>
 * <li>{@code camel.monitor.outbox.depth} per channel, alerts waiting to be sent ({@code camel_monitor_outbox_depth}),
 *     and {@code camel.monitor.outbox.failed} those refused for good ({@code camel_monitor_outbox_failed})</li>
 * <li>{@code camel.monitor.history.queue.depth} rows waiting for the database, and
 *     {@code camel.monitor.history.dropped} rows dropped because that queue was full
 *     ({@code camel_monitor_history_queue_depth}, {@code camel_monitor_history_dropped_total})</li>
 * <li>{@code camel.monitor.kafka.lag} and {@code camel.monitor.kafka.lag.seconds} per Kafka lag monitor, group
 *     and topic at the last evaluation, NaN while unknown ({@code camel_monitor_kafka_lag},
 *     {@code camel_monitor_kafka_lag_seconds}), and {@code camel.monitor.kafka.status} 1 for the topic's
 *     current status, 0 for the others ({@code camel_monitor_kafka_status})</li>
 * </ul>
 */
public class MonitorMetrics implements HistoryStore.HistoryListener {
    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> up = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> down = new ConcurrentHashMap<>();
    private final Map<List<String>, TopicLag> lags = new ConcurrentHashMap<>();

    /** A topic's figures at the last evaluation, read by its gauges. */
    private static final class TopicLag {
        volatile double lag = Double.NaN;
        volatile double seconds = Double.NaN;
        volatile String status = "";
    }

    public MonitorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Gauges of the alert queue: waiting, and refused for good, per channel. They hold their
     * counts strongly: Micrometer's gauges otherwise keep only a weak reference, and a
     * collected object reads NaN.
     */
    public void watch(AlertQueue queue) {
        QueueCounts queued = new QueueCounts(queue, "queued");
        QueueCounts failed = new QueueCounts(queue, "failed");
        Gauge.builder("camel.monitor.mail.queue.depth", queued, q -> q.of("mail"))
                .description("alert mails waiting to be sent").strongReference(true).register(registry);
        for (String channel : ChannelSenders.REQUIRED.keySet()) {
            Gauge.builder("camel.monitor.outbox.depth", queued, q -> q.of(channel))
                    .description("alerts waiting to be sent to a channel").tag("channel", channel)
                    .strongReference(true).register(registry);
            Gauge.builder("camel.monitor.outbox.failed", failed, q -> q.of(channel))
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
    public void watch(HistoryStore store) {
        Gauge.builder("camel.monitor.history.queue.depth", store, s -> s.queueDepth())
                .description("history rows waiting to be written").register(registry);
        FunctionCounter.builder("camel.monitor.history.dropped", store, s -> s.dropped())
                .description("history rows dropped because the queue was full").register(registry);
    }

    @Override
    public void checked(Check check, List<Probe> probes) {
        flag(up, "camel.monitor.up", "1 when the monitor's last check passed", check.monitor())
                .set(check.up() ? 1 : 0);
        Counter.builder("camel.monitor.checks").description("checks run").tag("monitor", check.monitor())
                .tag("result", check.up() ? "up" : "down").register(registry).increment();
        for (Probe p : probes) {
            for (String phase : Rows.PHASES) {
                Timer.builder("camel.monitor.probe.phase").description("probe phase durations")
                        .tag("monitor", p.monitor()).tag("node", p.node()).tag("phase", phase)
                        .register(registry).record(Duration.ofNanos((long) (p.phase(phase) * 1_000_000)));
            }
        }
    }

    @Override
    public void alerted(AlertEvent event) {
        Counter.builder("camel.monitor.alerts").description("alert notices raised").tag("monitor", event.monitor())
                .tag("kind", event.kind().name()).register(registry).increment();
        if (event.kind() == AlertKind.NOTICE) {
            return; // news, not a change of the incident
        }
        AtomicInteger d = flag(down, "camel.monitor.down", "1 while the monitor has an open incident",
                event.monitor());
        d.set(switch (event.kind()) {
            case RESOLVED -> 0;
            default -> 1;
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
        Gauge.builder("camel.monitor.kafka.lag", t, x -> x.lag).description("consumer lag in messages")
                .tag("monitor", monitor).tag("group", l.group()).tag("topic", l.topic()).register(registry);
        Gauge.builder("camel.monitor.kafka.lag.seconds", t, x -> x.seconds).description("consumer lag in seconds")
                .tag("monitor", monitor).tag("group", l.group()).tag("topic", l.topic()).register(registry);
        for (LagStatus status : LagStatus.values()) {
            Gauge.builder("camel.monitor.kafka.status", t, x -> x.status.equals(status.name()) ? 1 : 0)
                    .description("1 for the topic's current Burrow-style status").tag("monitor", monitor)
                    .tag("group", l.group()).tag("topic", l.topic()).tag("status", status.name()).register(registry);
        }
        return t;
    }

    private AtomicInteger flag(Map<String, AtomicInteger> flags, String name, String description, String monitor) {
        return flags.computeIfAbsent(monitor, m -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder(name, value, AtomicInteger::get).description(description).tag("monitor", m)
                    .register(registry);
            return value;
        });
    }
}
