package io.camelmonitor.history;

import java.nio.file.Files;
import java.nio.file.Path;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The depth of the alert pipeline's queues, as Prometheus reads it. */
class MonitorMetricsTest {

    @TempDir
    Path data;

    @Test
    void queueDepthsCountWaitingAlertsOnly() throws Exception {
        Path mail = Files.createDirectories(data.resolve("mail/queue"));
        Path wecom = Files.createDirectories(data.resolve("outbox/wecom/sent"));
        Files.writeString(mail.resolve("1-shop-DOWN.eml"), "x");
        Files.writeString(wecom.getParent().resolve("1-shop-DOWN.json"), "{}");
        Files.writeString(wecom.getParent().resolve("2-api-DOWN.json"), "{}");
        Files.writeString(wecom.getParent().resolve(".3-api-RESOLVED.json"), "{"); // still being written
        Files.writeString(wecom.resolve("0-old-DOWN.json"), "{}"); // delivered
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new MonitorMetrics(registry, mail, data.resolve("outbox"));

        String text = registry.scrape();
        assertTrue(text.contains("camel_monitor_mail_queue_depth 1.0"), text);
        assertTrue(text.contains("camel_monitor_outbox_depth{channel=\"wecom\"} 2.0"), text);
        assertTrue(text.contains("camel_monitor_outbox_depth{channel=\"slack\"} 0.0"), "a channel with no folder: " + text);
    }
}
