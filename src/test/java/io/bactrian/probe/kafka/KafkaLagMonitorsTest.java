package io.bactrian.probe.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import io.bactrian.history.HistoryQueries;
import io.bactrian.history.HistoryStore;
import io.bactrian.testing.Await;
import io.bactrian.testing.KafkaBroker;
import io.bactrian.testing.MonitorList;
import io.bactrian.testing.RunningMonitor;
import io.bactrian.testing.TestServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kafka-lag monitor of a monitor list against a real KRaft broker: the monitor is up while the
 * offsets can be read, and its group, a check of its own named with the monitor's id as prefix
 * ({@code lag/orders}), sends its DOWN to a webhook receiver when its lag crosses the threshold.
 */
class KafkaLagMonitorsTest {
    @TempDir
    Path tmp;

    @Test
    void aGroupBehindIsDownUnderTheMonitorsId() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(tmp.resolve("broker"));
             TestServer hook = TestServer.answering(200, "ok")) {
            broker.createTopic("orders", 1);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                    broker.bootstrap(), "linger.ms", 0), new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("orders", 0, null, "m" + i));
                }
                producer.flush();
            }
            try (Admin admin = broker.admin()) {
                admin.alterConsumerGroupOffsets("orders", Map.of(new TopicPartition("orders", 0),
                        new OffsetAndMetadata(2))).all().get();
            }
            String yaml = """
                    monitors:
                      - id: lag
                        kind: kafka-lag
                        cron: "* * * * * ? *"
                        bootstrap-servers: "%s"
                        groups: orders
                        thresholds: "*: lag > 5"
                        failure-threshold: 1
                    """.formatted(broker.bootstrap());
            Map<String, String> p = MonitorList.app(tmp, yaml, "kafka-lag-monitors.yaml");
            RunningMonitor.webhookChannel(p, hook.url("/hook"));
            try (RunningMonitor app = RunningMonitor.start(p)) {
                Await.until("the group's DOWN at the webhook", 60_000, () -> hook.requests().stream()
                        .anyMatch(r -> r.body().contains("\"monitor\":\"lag/orders\"")));
                HistoryQueries history = app.context().getRegistry().lookupByNameAndType("history", HistoryStore.class)
                        .queries();
                Await.until("the monitor and its group in the history", 20_000,
                        () -> history.latest().containsKey("lag") && history.latest().containsKey("lag/orders"));
                assertTrue(history.latest().get("lag").up(), history.latest().get("lag").toString());
                var group = history.latest().get("lag/orders");
                assertFalse(group.up(), group.toString());
                assertTrue(group.reason().contains("lag 8 > 5"), group.toString());
                assertTrue(hook.requests().stream().noneMatch(r -> r.body().contains("\"monitor\":\"lag\"")),
                        "the cluster itself is up: no alert of its own");
            }
        }
    }
}
