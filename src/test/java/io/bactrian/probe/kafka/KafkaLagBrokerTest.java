package io.bactrian.probe.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.bactrian.history.HistoryQueries;
import io.bactrian.history.HistoryStore;
import io.bactrian.testing.Await;
import io.bactrian.testing.KafkaBroker;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.RunningMonitor;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
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
 * command of the jar, and the shipped route telling each status apart (WARN, STALL, STOP,
 * REWIND, an idle group OK) and mailing each group's own incident.
 * <p>
 * Long for one reason: one broker started once serves every case, and starting a KRaft broker
 * costs more than all the cases together; split classes would each start their own.
 */
class KafkaLagBrokerTest {
    @TempDir
    static Path brokerDir;
    static KafkaBroker broker;

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @TempDir
    Path tmp;

    @BeforeAll
    static void startBroker() throws Exception {
        // ACLs are honoured (everything is allowed while none is set) so one test can take away Read
        broker = KafkaBroker.start(brokerDir, Map.of("authorizer.class.name",
                "org.apache.kafka.metadata.authorizer.StandardAuthorizer", "allow.everyone.if.no.acl.found", "true"));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    static int freePort() {
        try {
            return MonitorProcess.freePort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrap(), "linger.ms", 0),
                new StringSerializer(), new StringSerializer());
    }

    static KafkaConsumer<String, String> consumer(String group, String clientId, int maxPollRecords) {
        Map<String, Object> c = Map.of("bootstrap.servers", broker.bootstrap(), "group.id", group, "client.id", clientId,
                "enable.auto.commit", false, "auto.offset.reset", "earliest", "max.poll.records", maxPollRecords);
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
        try (KafkaConsumer<String, String> c = consumer("billing", "billing-1", 20)) {
            c.commitSync(Map.of(new TopicPartition("orders", 0), new OffsetAndMetadata(40),
                    new TopicPartition("orders", 1), new OffsetAndMetadata(30),
                    new TopicPartition("audit", 0), new OffsetAndMetadata(5)));
        }
        // a member of the group is assigned orders (so every partition is shown) and commits nothing: orders/2 has no offset
        LagReport report;
        Map<String, String> kafkas;
        try (KafkaConsumer<String, String> member = consumer("billing", "billing-2", 20)) {
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

    /** What a member of a group does after each poll. */
    enum Mode {
        /** commits what it consumed */
        KEEP_UP,
        /** commits the offsets it had when switched, again and again: stuck on a message */
        SAME_OFFSET,
        /** commits nothing */
        NO_COMMIT,
        /** takes one message at a time, commits it and rests: slower than the producer */
        SLOW
    }

    /** A loop on its own thread until closed; what it throws fails the test at close. */
    abstract static class Loop implements AutoCloseable {
        interface Body {
            void run() throws Exception;
        }

        final AtomicBoolean running = new AtomicBoolean(true);
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        private Thread thread;

        void start(String name, Body body) {
            thread = new Thread(() -> {
                try {
                    body.run();
                } catch (Exception e) {
                    errors.add(e);
                }
            }, name);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
            assertTrue(errors.isEmpty(), errors.toString());
        }
    }

    /** A consumer group member on its own thread, subscribed to one topic. */
    static final class Member extends Loop {
        final AtomicReference<Mode> mode;

        Member(String group, String topic, Mode initial) {
            mode = new AtomicReference<>(initial);
            start("member-" + group, () -> {
                try (KafkaConsumer<String, String> c = consumer(group, group + "-1", initial == Mode.SLOW ? 1 : 20)) {
                    c.subscribe(List.of(topic));
                    Map<TopicPartition, OffsetAndMetadata> frozen = null;
                    while (running.get()) {
                        c.poll(Duration.ofMillis(100));
                        switch (mode.get()) {
                            case KEEP_UP -> {
                                c.commitSync();
                                frozen = null;
                            }
                            case SAME_OFFSET -> {
                                if (frozen == null) {
                                    frozen = new HashMap<>(c.committed(c.assignment()));
                                    frozen.values().removeIf(java.util.Objects::isNull);
                                }
                                c.commitSync(frozen);
                                Thread.sleep(200);
                            }
                            case NO_COMMIT -> {
                            }
                            case SLOW -> {
                                c.commitSync();
                                Thread.sleep(250);
                            }
                        }
                    }
                }
            });
        }
    }

    /** Sends to every partition of a topic in turn, 20 messages a second, until closed. */
    static final class Traffic extends Loop {
        Traffic(String topic, int partitions) {
            start("traffic-" + topic, () -> {
                try (KafkaProducer<String, String> p = producer()) {
                    for (int i = 0; running.get(); i++) {
                        p.send(new ProducerRecord<>(topic, i % partitions, null, "e" + i));
                        Thread.sleep(50);
                    }
                }
            });
        }
    }

    /** The shipped route and the alert routes, evaluating every second over a window of 3. */
    Map<String, String> monitor(String groups, String alertStatuses) {
        Map<String, String> p = RunningMonitor.quiet(tmp.resolve("data"));
        p.put("mail.port", String.valueOf(mail.getSmtp().getPort()));
        p.put("camel.main.routes-include-pattern",
                RunningMonitor.projectRoute("kafka-lag.yaml") + "," + RunningMonitor.alertRoutes());
        p.put("kafka.bootstrap-servers", broker.bootstrap());
        p.put("kafka.properties.client.id", "lag-monitor-test");
        p.put("kafka-lag.cron", "* * * * * ? *");
        p.put("kafka-lag.groups", groups);
        p.put("kafka-lag.window", "3");
        p.put("kafka-lag.thresholds", "*: lag > 100000");
        p.put("kafka-lag.alert-statuses", alertStatuses);
        p.put("kafka-lag.failure-threshold", "1");
        p.put("kafka-lag.success-threshold", "2");
        return p;
    }

    static List<String> subjects() {
        return Arrays.stream(mail.getReceivedMessages()).map(RunningMonitor::subject).toList();
    }

    static void awaitMail(String subjectStart) throws InterruptedException {
        Await.until("a mail '" + subjectStart + "...', got " + subjects(), 30_000,
                () -> subjects().stream().anyMatch(s -> s.startsWith(subjectStart)));
    }

    static String text(String subjectStart) throws Exception {
        for (MimeMessage m : mail.getReceivedMessages()) {
            if (m.getSubject().startsWith(subjectStart)) {
                return (String) ((Multipart) m.getContent()).getBodyPart(0).getContent();
            }
        }
        throw new AssertionError("no mail " + subjectStart + " in " + subjects());
    }

    /** The mail's table rows: "group | topic | partitions | lag | max | seconds | status | result". */
    static List<String> rows(String text) {
        return text.lines().filter(l -> l.matches("[\\w-]+ \\| [\\w*-]+ \\| \\d+ \\| .*")).toList();
    }

    static String get(int port, String path) throws Exception {
        // the request's timeout ends with the headers: the body's read is bounded too, so that an
        // answer that stalls fails this attempt instead of the whole run
        HttpResponse<String> r = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).timeout(java.time.Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }

    /** The value of the sample whose name and labels start with {@code prefix}, null when absent. */
    static Double gauge(String metrics, String prefix) {
        return metrics.lines().filter(l -> l.startsWith(prefix + ",}") || l.startsWith(prefix + "}"))
                .map(l -> Double.valueOf(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(null);
    }

    /** The labels of a status gauge, in the order Prometheus prints them. */
    static String status(String group, String topic, String status) {
        return "group=\"" + group + "\",monitor=\"kafka-lag/" + group + "\",status=\"" + status + "\",topic=\""
                + topic + "\"";
    }

    @Test
    void eachGroupHasItsOwnIncidentStallStopAndIdle() throws Exception {
        broker.createTopic("events", 2);
        broker.createTopic("quiet", 1);
        try (KafkaProducer<String, String> producer = producer()) {
            produce(producer, "quiet", 0, 10);
        }
        // a group that read everything of a topic nobody writes to any more, and left: zero lag, no commits
        try (KafkaConsumer<String, String> c = consumer("idle", "idle-1", 20)) {
            c.commitSync(Map.of(new TopicPartition("quiet", 0), new OffsetAndMetadata(10)));
        }
        int port = MonitorProcess.freePort();
        // without WARN: a window that still holds an offset from before the switch shows lag growing
        Map<String, String> p = monitor("pay,ship,idle", "STALL,STOP,REWIND");
        p.put("camel.server.enabled", "true");
        p.put("camel.server.port", String.valueOf(port));
        p.put("camel.main.routes-include-pattern", p.get("camel.main.routes-include-pattern") + ","
                + RunningMonitor.projectRoute("status-page.yaml"));
        try (Traffic traffic = new Traffic("events", 2);
             Member pay = new Member("pay", "events", Mode.KEEP_UP);
             Member ship = new Member("ship", "events", Mode.KEEP_UP);
             RunningMonitor app = RunningMonitor.start(p)) {
            HistoryQueries history = app.context().getRegistry().lookupByNameAndType("history", HistoryStore.class)
                    .queries();
            Await.until("an evaluation of every group", 30_000, () -> history.latest().keySet()
                    .containsAll(List.of("kafka-lag/pay", "kafka-lag/ship", "kafka-lag/idle")));
            // the window of three fills: three more evaluations (the split's per-group exchanges aside)
            NotifyBuilder evaluated = new NotifyBuilder(app.context()).fromRoute("kafka-lag")
                    .filter(e -> e.getProperty(Exchange.SPLIT_INDEX) == null).whenCompleted(3).create();
            assertTrue(evaluated.matches(30, TimeUnit.SECONDS), "three evaluations");
            assertEquals(List.of(), subjects(), "no mail while both consumers keep up and idle is idle");

            pay.mode.set(Mode.SAME_OFFSET); // commits, but its offset no longer moves
            awaitMail("[DOWN] kafka-lag/pay: pay/events: STALL (partition");

            ship.mode.set(Mode.NO_COMMIT); // still a member, still polling, commits nothing: stopped
            awaitMail("[DOWN] kafka-lag/ship: ship/events: STOP (partition");

            pay.mode.set(Mode.KEEP_UP);
            awaitMail("[RESOLVED] kafka-lag/pay is up again after");

            assertTrue(history.latest().get("kafka-lag/idle").up(), "idle topic with zero lag and no commits is OK");
            String idle = get(port, "/api/monitors/kafka-lag%2Fidle");
            assertTrue(idle.contains("\"kafka-lag/idle\""), idle);
            JsonNode idleKafka = new ObjectMapper().readTree(idle).get("kafka");
            assertEquals("OK", idleKafka.get("status").asText(), idle);
            assertEquals("quiet", idleKafka.get("topics").get(0).get("topic").asText(), idle);
            assertEquals(0, idleKafka.get("topics").get(0).get("lag").asLong(), "10 of 10 read: " + idle);

            // ship is still stopped: its page and /metrics show it, with the same lag at the same evaluation
            String shipPage = get(port, "/monitors/kafka-lag%2Fship");
            assertTrue(shipPage.contains("id=\"group-status\" data-status=\"STOP\""), shipPage);
            assertTrue(shipPage.contains("<tr class=\"bad\" data-topic=\"events\"><td>events</td>"), shipPage);
            assertTrue(shipPage.matches("(?s).*<svg id=\"chart-lag-events\" [^>]*data-points=\"[1-9].*"), shipPage);
            assertTrue(shipPage.matches("(?s).*<svg id=\"chart-lag-seconds-events\" [^>]*data-points=\"\\d.*"), shipPage);
            Await.until("ship's lag in /metrics equal to its page's (see the output)", 30_000, () -> {
                try {
                    JsonNode events = new ObjectMapper().readTree(get(port, "/api/monitors/kafka-lag%2Fship"))
                            .get("kafka").get("topics").get(0);
                    String metrics = get(port, "/metrics");
                    String labels = "group=\"ship\",monitor=\"kafka-lag/ship\",topic=\"events\"";
                    Double lag = gauge(metrics, "bactrian_kafka_lag{" + labels);
                    System.out.println("ship: page " + events + ", metrics lag " + lag);
                    return events.get("topic").asText().equals("events") && events.get("status").asText().equals("STOP")
                            && events.get("lag").asLong() > 0 && lag != null && lag == events.get("lag").asLong()
                            && gauge(metrics, "bactrian_kafka_lag_seconds{" + labels) != null
                            && gauge(metrics, "bactrian_kafka_status{" + status("ship", "events", "STOP")) == 1.0
                            && gauge(metrics, "bactrian_kafka_status{" + status("ship", "events", "OK")) == 0.0;
                } catch (Exception e) {
                    System.out.println("ship: " + e);
                    return false;
                }
            });
            String metrics = get(port, "/metrics");
            String idleLabels = "group=\"idle\",monitor=\"kafka-lag/idle\",topic=\"quiet\"";
            assertEquals(0.0, gauge(metrics, "bactrian_kafka_lag{" + idleLabels), metrics);
            assertEquals(1.0, gauge(metrics, "bactrian_kafka_status{" + status("idle", "quiet", "OK")), metrics);
            assertEquals(0.0, gauge(metrics, "bactrian_kafka_status{" + status("idle", "quiet", "STOP")), metrics);
        }

        List<String> subjects = subjects();
        // pay is resolved only after ship's DOWN: ship's incident is its own, not a reminder of pay's
        assertEquals(3, subjects.size(), "one DOWN for pay, one DOWN for ship, one RESOLVED for pay: " + subjects);
        // the window may see one partition stuck before the other: which ones is named, with the last commit
        assertTrue(subjects.get(0).matches("\\[DOWN] kafka-lag/pay: pay/events: STALL \\(partitions? [01,]+; last commit .*"),
                subjects.toString());
        assertTrue(subjects.get(1).matches("\\[DOWN] kafka-lag/ship: ship/events: STOP \\(partitions? [01,]+; last commit .*"),
                subjects.toString());
        assertTrue(subjects.stream().noneMatch(s -> s.contains("idle")), "idle is never alerted: " + subjects);

        String stall = text("[DOWN] kafka-lag/pay");
        System.out.println(stall);
        assertTrue(stall.contains("Failure: consumer status"), stall);
        assertTrue(stall.contains("Group | Topic | Partitions | Lag | Max partition lag | Lag seconds | Status | Result"), stall);
        assertTrue(rows(stall).stream().anyMatch(l -> l.matches("pay \\| events \\| 2 \\| \\d+ \\| \\d+ \\| [\\d.-]+ \\| STALL \\| "
                + "pay/events: STALL \\(partitions 0,1; last commit \\d+s ago\\)")), stall);
        String stop = text("[DOWN] kafka-lag/ship");
        System.out.println(stop);
        List<String> stopRows = rows(stop);
        assertEquals(2, stopRows.size(), "ship's own table, the group's totals and its topic: " + stop);
        assertTrue(stopRows.stream().allMatch(l -> l.startsWith("ship | ")), stop);
        assertTrue(stopRows.stream().anyMatch(l -> l.matches("ship \\| events \\| 2 \\| \\d+ \\| \\d+ \\| [\\d.-]+ \\| STOP \\| .*")),
                stop);
    }

    @Test
    void anUnreachableClusterIsAnIncidentOfTheRouteAndResolvesWhenItAnswers(@TempDir Path second) throws Exception {
        int port = MonitorProcess.freePort();
        Map<String, String> p = monitor("", "STOP"); // every group there is: none, once it answers
        p.put("kafka.bootstrap-servers", "127.0.0.1:" + port); // nothing listens there yet
        p.put("kafka-lag.timeout", "2s");
        try (RunningMonitor app = RunningMonitor.start(p)) {
            awaitMail("[DOWN] kafka-lag: offsets not readable: ");
            String down = text("[DOWN] kafka-lag:");
            assertTrue(down.contains("Kafka 127.0.0.1:" + port), down);
            assertTrue(down.contains("Failure: unreachable"), down);
            try (KafkaBroker late = KafkaBroker.startOn(second, port)) {
                awaitMail("[RESOLVED] kafka-lag is up again after");
            }
        }
        assertEquals(2, subjects().size(), "one DOWN and one RESOLVED of the cluster: " + subjects());
    }

    @Test
    void lagGrowingIsWarnAndOffsetsSetBackAreRewind() throws Exception {
        broker.createTopic("clicks", 1);
        broker.createTopic("ledger", 1);
        try (KafkaProducer<String, String> producer = producer()) {
            produce(producer, "ledger", 0, 100);
        }
        try (KafkaConsumer<String, String> c = consumer("rewound", "rewound-1", 20)) {
            c.commitSync(Map.of(new TopicPartition("ledger", 0), new OffsetAndMetadata(100)));
        }
        try (Traffic traffic = new Traffic("clicks", 1);
             Member slow = new Member("slow", "clicks", Mode.SLOW);
             RunningMonitor app = RunningMonitor.start(monitor("slow,rewound", "WARN,STALL,STOP,REWIND"))) {
            HistoryQueries history = app.context().getRegistry().lookupByNameAndType("history", HistoryStore.class)
                    .queries();
            Await.until("a first evaluation of rewound", 30_000, () -> history.latest().containsKey("kafka-lag/rewound"));
            assertTrue(history.latest().get("kafka-lag/rewound").up(), "caught up before the reset");
            try (Admin admin = broker.admin()) { // as kafka-consumer-groups --reset-offsets --to-offset 20
                admin.alterConsumerGroupOffsets("rewound", Map.of(new TopicPartition("ledger", 0), new OffsetAndMetadata(20)))
                        .all().get();
            }
            awaitMail("[DOWN] kafka-lag/rewound: rewound/ledger: REWIND (partition 0)");
            awaitMail("[DOWN] kafka-lag/slow: slow/clicks: WARN (partition 0)");
        }
        String warn = text("[DOWN] kafka-lag/slow");
        System.out.println(warn);
        assertTrue(rows(warn).stream().anyMatch(l -> l.matches("slow \\| clicks \\| 1 \\| \\d+ \\| \\d+ \\| [\\d.-]+ \\| WARN \\| "
                + "slow/clicks: WARN \\(partition 0\\)")), warn);
        String rewind = text("[DOWN] kafka-lag/rewound");
        assertTrue(rows(rewind).stream().anyMatch(l -> l.equals("rewound | ledger | 1 | 80 | 80 | - | REWIND | "
                + "rewound/ledger: REWIND (partition 0)")), rewind);
    }

    @Test
    void withoutReadOnConsumerOffsetsGroupMembershipTellsStallFromStop() throws Exception {
        broker.createTopic("jobs", 1);
        AclBinding denyRead = new AclBinding(new ResourcePattern(ResourceType.TOPIC, CommitLog.TOPIC, PatternType.LITERAL),
                new AccessControlEntry("User:ANONYMOUS", "*", AclOperation.READ, AclPermissionType.DENY));
        GroupSelector blindGroup = GroupSelector.of("blind", null, null);
        try (Traffic traffic = new Traffic("jobs", 1);
             Member blind = new Member("blind", "jobs", Mode.KEEP_UP);
             Admin admin = broker.admin();
             AdminOffsetSource source = new AdminOffsetSource(broker.bootstrap(), Map.of(), Duration.ofSeconds(10));
             CommitLog commits = new CommitLog(broker.bootstrap(), Map.of(), Duration.ofSeconds(5), blindGroup::matches)) {
            Await.until("a commit of blind", 30_000, () -> {
                try {
                    return !admin.listConsumerGroupOffsets("blind").partitionsToOffsetAndMetadata().get().isEmpty();
                } catch (Exception e) {
                    return false;
                }
            });
            blind.mode.set(Mode.NO_COMMIT); // a member that polls and commits nothing: stopped
            admin.createAcls(List.of(denyRead)).all().get();

            LagTracker tracker = new LagTracker(10, 3, 0, LagThresholds.parse(""), EnumSet.allOf(LagStatus.class));
            LagReport report = null;
            for (int i = 0; i < 4; i++) {
                Thread.sleep(700); // observations apart in time, as the cron spaces them
                report = tracker.evaluate(commits.stamp(source.read(blindGroup)));
            }
            assertTrue(commits.unreadable().contains("Not authorized"), commits.unreadable());
            assertEquals(-1, report.group("blind").topics().get(0).partitions().get(0).lastCommitMs());
            assertEquals(LagStatus.STALL, report.group("blind").status(),
                    "without commit times an assigned member counts as committing");

            admin.deleteAcls(List.of(denyRead.toFilter())).all().get();
            for (int i = 0; i < 5; i++) { // the window fills with observations that have commit times
                Thread.sleep(700); // observations apart in time, as the cron spaces them
                report = tracker.evaluate(commits.stamp(source.read(blindGroup)));
            }
            assertNull(commits.unreadable());
            assertTrue(report.group("blind").topics().get(0).partitions().get(0).lastCommitMs() > 0);
            assertEquals(LagStatus.STOP, report.group("blind").status(), "with commit times: no commit in the window");
        }
    }
}
