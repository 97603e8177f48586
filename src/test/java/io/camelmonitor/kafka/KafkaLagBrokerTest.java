package io.camelmonitor.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.camelmonitor.testing.KafkaBroker;
import io.camelmonitor.testing.RunningMonitor;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.tools.consumer.group.ConsumerGroupCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real Kafka broker: lag figures equal to Kafka's own consumer-groups command, the
 * command of the jar, and the shipped route mailing a stalled and then a stopped consumer.
 */
class KafkaLagBrokerTest {
    @TempDir
    static Path brokerDir;
    static KafkaBroker broker;

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP);

    @TempDir
    Path tmp;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(brokerDir);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrap(), "linger.ms", 0),
                new StringSerializer(), new StringSerializer());
    }

    static KafkaConsumer<String, String> consumer(String group, String clientId) {
        Map<String, Object> c = Map.of("bootstrap.servers", broker.bootstrap(), "group.id", group, "client.id", clientId,
                "enable.auto.commit", false, "auto.offset.reset", "earliest", "max.poll.records", 20);
        return new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
    }

    static void produce(KafkaProducer<String, String> producer, String topic, int partition, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            producer.send(new ProducerRecord<>(topic, partition, null, "m" + i));
        }
        producer.flush();
    }

    /** {@code kafka-consumer-groups --describe --group g}, run in this JVM; partition key "topic/p" to LAG column. */
    static Map<String, String> consumerGroupsCommand(String group) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        synchronized (System.class) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                ConsumerGroupCommand.main(new String[] {"--bootstrap-server", broker.bootstrap(), "--describe", "--group",
                        group});
            } finally {
                System.setOut(original);
            }
        }
        Map<String, String> lag = new TreeMap<>();
        String header = null;
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\\R")) {
            List<String> cells = Arrays.asList(line.trim().split("\\s+"));
            if (cells.size() >= 6 && cells.get(0).equals("GROUP")) {
                header = line;
                assertEquals(List.of("GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG"),
                        cells.subList(0, 6), line);
            } else if (header != null && cells.size() >= 6 && cells.get(0).equals(group)) {
                lag.put(cells.get(1) + "/" + cells.get(2), cells.get(3) + " " + cells.get(4) + " " + cells.get(5));
            }
        }
        assertTrue(header != null, "the command's table: " + captured);
        return lag;
    }

    static Map<String, String> ours(LagReport report, String group) {
        Map<String, String> lag = new TreeMap<>();
        for (LagReport.TopicLag t : report.group(group).topics()) {
            for (LagReport.PartitionLag p : t.partitions()) {
                lag.put(p.topic() + "/" + p.partition(), LagReport.count(p.committed()) + " " + LagReport.count(p.logEnd())
                        + " " + LagReport.count(p.lag()));
            }
        }
        return lag;
    }

    @Test
    void lagAgreesWithKafkasOwnConsumerGroupsCommand() throws Exception {
        broker.createTopic("orders", 3);
        broker.createTopic("audit", 2);
        try (KafkaProducer<String, String> producer = producer()) {
            produce(producer, "orders", 0, 50);
            produce(producer, "orders", 1, 30);
            produce(producer, "orders", 2, 7);
            produce(producer, "audit", 0, 20);
            produce(producer, "audit", 1, 10);
        }
        // commits for some partitions only: orders/2 and audit/1 have none
        try (KafkaConsumer<String, String> c = consumer("billing", "billing-1")) {
            c.commitSync(Map.of(new TopicPartition("orders", 0), new OffsetAndMetadata(40),
                    new TopicPartition("orders", 1), new OffsetAndMetadata(30),
                    new TopicPartition("audit", 0), new OffsetAndMetadata(5)));
        }
        // a member of the group is assigned orders (so every partition is shown) and commits nothing: orders/2 has no offset
        LagReport report;
        Map<String, String> kafkas;
        try (KafkaConsumer<String, String> member = consumer("billing", "billing-2")) {
            member.subscribe(List.of("orders"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (member.assignment().isEmpty() && System.nanoTime() < deadline) {
                member.poll(Duration.ofMillis(100));
            }
            assertEquals(3, member.assignment().size(), "the member holds orders");
            try (AdminOffsetSource source = new AdminOffsetSource(broker.bootstrap(), Map.of(), Duration.ofSeconds(10))) {
                report = new LagTracker(10, 3, 0, LagThresholds.parse(""), java.util.Set.of())
                        .evaluate(source.read(GroupSelector.of("billing", null, null)));
            }
            kafkas = consumerGroupsCommand("billing");
            assertEquals(kafkas, ours(report, "billing"), "per partition: current offset, log end, lag");
            assertEquals("40 50 10", kafkas.get("orders/0"));
            assertEquals("- 7 -", kafkas.get("orders/2"), "Kafka's own command shows no offset as -");
            assertEquals("5 20 15", kafkas.get("audit/0"));

            // the command of the jar prints the same figures, and "-" where Kafka's does
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(0, KafkaLagCommand.run(new String[] {"--bootstrap", broker.bootstrap(), "--group", "billing"},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)),
                    err.toString());
            String table = out.toString(StandardCharsets.UTF_8);
            System.out.println(table);
            assertTrue(table.lines().anyMatch(l -> l.matches("billing\\s+orders\\s+0\\s+40\\s+50\\s+10\\s+billing-2")), table);
            assertTrue(table.lines().anyMatch(l -> l.matches("billing\\s+orders\\s+2\\s+-\\s+7\\s+-\\s+billing-2")), table);
            assertTrue(table.lines().anyMatch(l -> l.matches("billing\\s+audit\\s+0\\s+5\\s+20\\s+15\\s+-")), table);
            assertTrue(table.lines().anyMatch(l -> l.matches("billing\\s+orders\\s+3\\s+1\\s+10\\s+10")), table);
            assertTrue(table.lines().anyMatch(l -> l.matches("billing\\s+Stable\\s+2\\s+25\\s+15")), table);

            out.reset();
            assertEquals(0, KafkaLagCommand.run(new String[] {"--bootstrap", broker.bootstrap(), "--group", "billing", "--json"},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
            JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
            JsonNode jg = json.path("groups").get(0);
            assertEquals(25, jg.path("lag").asLong());
            JsonNode jorders = jg.path("topics").get(1);
            assertEquals("orders", jorders.path("topic").asText());
            assertEquals(10, jorders.path("lag").asLong());
            assertEquals(1, jorders.path("noOffset").asInt());
            assertTrue(jorders.path("partitions").get(2).path("lag").isNull(), "no committed offset: null, not 0");
            assertTrue(jorders.path("partitions").get(2).path("currentOffset").isNull());
        }

        LagReport.GroupLag g = report.group("billing");
        LagReport.TopicLag audit = g.topics().get(0);
        LagReport.TopicLag orders = g.topics().get(1);
        assertEquals(15, audit.lag());
        assertEquals(10, orders.lag(), "sum of the committed partitions (10 + 0), not the last partition's");
        assertEquals(25, g.lag());
        assertEquals(15, g.maxPartitionLag());
        assertEquals(1, orders.noOffset());
    }

    @Test
    void stalledThenStoppedConsumerMailedThroughTheShippedRoute() throws Exception {
        broker.createTopic("events", 2);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean committing = new AtomicBoolean(true);
        AtomicBoolean consuming = new AtomicBoolean(true);
        List<Throwable> errors = new ArrayList<>();
        Thread producerThread = new Thread(() -> {
            try (KafkaProducer<String, String> p = producer()) {
                for (int i = 0; running.get(); i++) {
                    p.send(new ProducerRecord<>("events", i % 2, null, "e" + i));
                    Thread.sleep(50);
                }
            } catch (Exception e) {
                errors.add(e);
            }
        }, "test-producer");
        Thread consumerThread = new Thread(() -> {
            try (KafkaConsumer<String, String> c = consumer("live", "live-1")) {
                c.subscribe(List.of("events"));
                while (consuming.get()) {
                    c.poll(Duration.ofMillis(100));
                    if (committing.get()) {
                        c.commitSync();
                    }
                }
            } catch (Exception e) {
                errors.add(e);
            }
        }, "test-consumer");
        producerThread.start();
        consumerThread.start();

        Map<String, String> p = RunningMonitor.quiet(tmp.resolve("data"));
        p.put("camel.main.routes-include-pattern",
                RunningMonitor.projectRoute("kafka-lag.yaml") + "," + RunningMonitor.alertRoutes());
        p.put("kafka.bootstrap-servers", broker.bootstrap());
        p.put("kafka.properties.client.id", "lag-monitor-test");
        p.put("kafka-lag.cron", "* * * * * ? *");
        p.put("kafka-lag.groups", "live");
        p.put("kafka-lag.window", "3");
        p.put("kafka-lag.thresholds", "*: lag > 100000; live/events: lag > 100000, seconds > 3600");
        p.put("kafka-lag.alert-statuses", "STALL,STOP,REWIND");
        p.put("kafka-lag.failure-threshold", "1");
        p.put("kafka-lag.success-threshold", "2");
        try (RunningMonitor app = RunningMonitor.start(p)) {
            Thread.sleep(4000);
            assertEquals(0, mail.getReceivedMessages().length, "no mail while the consumer keeps up");

            committing.set(false); // the consumer is alive but its offset stops moving
            assertTrue(mail.waitForIncomingEmail(8000, 1), "DOWN mail for the stalled consumer");
            committing.set(true);
            assertTrue(mail.waitForIncomingEmail(8000, 2), "RESOLVED mail once it commits again");

            consuming.set(false); // the consumer goes away; messages keep coming
            consumerThread.join(10_000);
            assertTrue(mail.waitForIncomingEmail(12_000, 3), "DOWN mail for the stopped consumer");
        } finally {
            running.set(false);
            consuming.set(false);
            producerThread.join(5000);
            consumerThread.join(5000);
        }
        assertTrue(errors.isEmpty(), errors.toString());

        MimeMessage[] mails = mail.getReceivedMessages();
        List<String> subjects = Arrays.stream(mails).map(RunningMonitor::subject).toList();
        assertTrue(subjects.get(0).startsWith("[DOWN] kafka-lag: live/events: STALL (partitions 0,1)"), subjects.toString());
        assertEquals("[RESOLVED] kafka-lag is up again after", subjects.get(1).replaceAll(" \\d+s$", ""), subjects.toString());
        assertTrue(subjects.get(2).startsWith("[DOWN] kafka-lag: live/events: STOP (partitions 0,1)"), subjects.toString());

        String stall = (String) ((Multipart) mails[0].getContent()).getBodyPart(0).getContent();
        String stallHtml = (String) ((Multipart) mails[0].getContent()).getBodyPart(1).getContent();
        System.out.println(stall);
        assertTrue(stall.contains("Failure: consumer status"), stall);
        assertTrue(stall.contains("Group | Topic | Partitions | Lag | Max partition lag | Lag seconds | Status | Result"), stall);
        assertTrue(stall.lines().anyMatch(l -> l.matches("live \\| events \\| 2 \\| \\d+ \\| \\d+ \\| [\\d.]+ \\| STALL \\| "
                + "live/events: STALL \\(partitions 0,1\\)")), stall);
        assertTrue(stallHtml.contains("<th>Lag seconds</th>"), stallHtml);
        assertTrue(stallHtml.contains("<tr style=\"background:#fde2e1\"><td>live</td><td>events</td>"), stallHtml);
        String stop = (String) ((Multipart) mails[2].getContent()).getBodyPart(0).getContent();
        assertTrue(stop.lines().anyMatch(l -> l.matches("live \\| events \\| 2 \\| \\d+ \\| \\d+ \\| [\\d.]+ \\| STOP \\| .*")),
                stop);
    }
}
