package io.camelmonitor.history;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.camelmonitor.alert.AlertEvent;
import io.camelmonitor.alert.AlertKind;
import io.camelmonitor.channel.AlertQueue;
import io.camelmonitor.channel.Delivery;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The depth of the alert queue, as Prometheus reads it. */
class MonitorMetricsTest {

    @TempDir
    Path data;

    private static AlertEvent down(String monitor) {
        Instant now = Instant.now();
        return new AlertEvent(AlertKind.DOWN, monitor, "https://" + monitor + ".example/", now, now, "refused",
                "connection refused", null);
    }

    @Test
    void queueGaugesCountWaitingAndRefusedAlertsPerChannel() throws Exception {
        AlertQueue queue = new AlertQueue(new Database(HistoryStore.h2Url(data), "", ""), data, Clock.systemUTC(),
                Duration.ofSeconds(30), Duration.ofDays(30));
        queue.start();
        try {
            queue.add("mail", down("shop"));
            queue.add("wecom", down("shop"));
            queue.add("wecom", down("api"));
            queue.add("wecom", down("db"));
            queue.add("dingtalk", down("old"));
            // one delivered, one refused for good: neither waits any more
            queue.ended(queue.waiting("wecom", 1), Delivery.delivered());
            queue.ended(queue.waiting("dingtalk", 1), Delivery.permanent("bad signature"));
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new MonitorMetrics(registry).watch(queue);
            System.gc(); // the gauges must still read after a collection, not NaN

            String text = registry.scrape();
            assertTrue(text.contains("camel_monitor_mail_queue_depth 1.0"), text);
            assertTrue(text.contains("camel_monitor_outbox_depth{channel=\"wecom\"} 2.0"), text);
            assertTrue(text.contains("camel_monitor_outbox_depth{channel=\"mail\"} 1.0"), text);
            assertTrue(text.contains("camel_monitor_outbox_depth{channel=\"dingtalk\"} 0.0"), text);
            assertTrue(text.contains("camel_monitor_outbox_failed{channel=\"dingtalk\"} 1.0"), text);
            assertTrue(text.contains("camel_monitor_outbox_depth{channel=\"slack\"} 0.0"), "a channel never used: " + text);
        } finally {
            queue.stop();
        }
    }
}
