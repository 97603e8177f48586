package io.bactrian.history;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.bactrian.alert.AlertEvent;
import io.bactrian.alert.AlertKind;
import io.bactrian.channel.AlertQueue;
import io.bactrian.channel.Delivery;
import io.bactrian.store.Database;
import io.bactrian.store.Rows;
import io.bactrian.store.Rows.Check;
import io.bactrian.store.Rows.Lag;
import io.bactrian.store.Rows.Probe;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitors' metrics and the depth of the alert queue, as Prometheus reads them. */
class MonitorMetricsTest {

    @TempDir
    Path data;

    private static AlertEvent down(String monitor) {
        return alert(AlertKind.DOWN, monitor);
    }

    private static AlertEvent alert(AlertKind kind, String monitor) {
        Instant now = Instant.now();
        return new AlertEvent(kind, monitor, "https://" + monitor + ".example/", now, now, "refused",
                "connection refused", null);
    }

    /** A failed check, then a passing one, of {@code monitor}, probed from {@code node}; and a DOWN. */
    private static void checkTwiceAndAlert(MonitorMetrics metrics, String monitor, String node) {
        Probe probe = new Probe(monitor, 0, node, "", "", "127.0.0.1", 200, true, 1, 2, 3, 4, 5, 15, 120, null);
        metrics.checked(new Check(monitor, 0, false, 15.0, "status", "HTTP 503", "http://x/"), List.of(probe));
        metrics.checked(new Check(monitor, 0, true, 15.0, null, null, "http://x/"), List.of(probe));
        metrics.alerted(alert(AlertKind.DOWN, monitor));
    }

    @Test
    void everyCheckCountsUnderTheMonitorsOwnSeries() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MonitorMetrics metrics = new MonitorMetrics(registry);
        checkTwiceAndAlert(metrics, "shop", "local");
        metrics.alerted(alert(AlertKind.RESOLVED, "shop"));
        metrics.alerted(alert(AlertKind.NOTICE, "shop")); // news: the incident stays resolved

        String text = registry.scrape();
        assertTrue(text.contains("bactrian_up{monitor=\"shop\"} 1.0\n"), text);
        assertTrue(text.contains("bactrian_down{monitor=\"shop\"} 0.0\n"), text);
        assertTrue(text.contains("bactrian_checks_total{monitor=\"shop\",result=\"down\"} 1.0\n"), text);
        assertTrue(text.contains("bactrian_checks_total{monitor=\"shop\",result=\"up\"} 1.0\n"), text);
        for (String kind : List.of("DOWN", "RESOLVED", "NOTICE")) {
            assertTrue(text.contains("bactrian_alerts_total{kind=\"" + kind + "\",monitor=\"shop\"} 1.0\n"), text);
        }
        String phase = "{monitor=\"shop\",node=\"local\",phase=\"connect\"}";
        assertTrue(text.contains("# TYPE bactrian_probe_phase_seconds summary\n"), text);
        assertTrue(text.contains("bactrian_probe_phase_seconds_count" + phase + " 2\n"), text);
        assertTrue(text.contains("bactrian_probe_phase_seconds_sum" + phase + " 0.004\n"), text);
        assertTrue(text.contains("bactrian_probe_phase_seconds_max" + phase + " 0.002\n"), text);
    }

    @Test
    void aForgottenMonitorsSeriesLeaveTheScrape() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MonitorMetrics metrics = new MonitorMetrics(registry);
        checkTwiceAndAlert(metrics, "shop", "local");
        checkTwiceAndAlert(metrics, "blog", "local");
        metrics.lagged("orders", List.of(new Lag("orders", 0, "billing", "invoices", 12L, 3.0, "WARN")));
        assertTrue(registry.scrape().contains("monitor=\"orders\""));

        metrics.forget("shop");
        metrics.forget("orders");

        String text = registry.scrape();
        assertFalse(text.contains("monitor=\"shop\""), text);
        assertFalse(text.contains("monitor=\"orders\""), text);
        for (String series : List.of("bactrian_up{", "bactrian_down{", "bactrian_checks_total{",
                "bactrian_alerts_total{kind=\"DOWN\",", "bactrian_probe_phase_seconds_count{",
                "bactrian_probe_phase_seconds_max{")) {
            assertTrue(text.contains(series + "monitor=\"blog\""), series + " of the monitor kept: " + text);
        }
        checkTwiceAndAlert(metrics, "shop", "local"); // added again: counts from zero
        assertTrue(registry.scrape().contains("bactrian_checks_total{monitor=\"shop\",result=\"up\"} 1.0\n"));
    }

    @Test
    void queueGaugesCountWaitingAndRefusedAlertsPerChannel() throws Exception {
        AlertQueue queue = new AlertQueue(new Database(Database.h2Url(data), "", ""), data, Clock.systemUTC(),
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
            assertTrue(text.contains("bactrian_mail_queue_depth 1.0"), text);
            assertTrue(text.contains("bactrian_outbox_depth{channel=\"wecom\"} 2.0"), text);
            assertTrue(text.contains("bactrian_outbox_depth{channel=\"mail\"} 1.0"), text);
            assertTrue(text.contains("bactrian_outbox_depth{channel=\"dingtalk\"} 0.0"), text);
            assertTrue(text.contains("bactrian_outbox_failed{channel=\"dingtalk\"} 1.0"), text);
            assertTrue(text.contains("bactrian_outbox_depth{channel=\"slack\"} 0.0"), "a channel never used: " + text);
        } finally {
            queue.stop();
        }
    }
}
