package io.bactrian.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka (KRaft, broker and controller in one) in this JVM, on free loopback
 * ports, with its log in a temporary folder formatted first as {@code kafka-storage format} does.
 */
public final class KafkaBroker implements AutoCloseable {
    private final KafkaRaftServer server;
    private final String bootstrap;

    private KafkaBroker(KafkaRaftServer server, String bootstrap) {
        this.server = server;
        this.bootstrap = bootstrap;
    }

    public static KafkaBroker start(Path dir) throws Exception {
        return start(dir, Map.of());
    }

    /** With {@code extra} broker settings on top, e.g. an authorizer. */
    public static KafkaBroker start(Path dir, Map<String, String> extra) throws Exception {
        return start(dir, MonitorProcess.freePort(), extra);
    }

    /** On a given port, e.g. one an application was told about before the broker was there. */
    public static KafkaBroker startOn(Path dir, int port) throws Exception {
        return start(dir, port, Map.of());
    }

    private static KafkaBroker start(Path dir, int port, Map<String, String> extra) throws Exception {
        int controller = MonitorProcess.freePort();
        Path logs = Files.createDirectories(dir.resolve("kraft-logs"));
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controller);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logs.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        p.put("num.network.threads", "1");
        p.put("num.io.threads", "2");
        p.put("log.cleaner.enable", "false");
        p.putAll(extra);
        Path config = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            p.store(out, null);
        }
        ByteArrayOutputStream formatOutput = new ByteArrayOutputStream();
        int formatted = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
                config.toString()}, new PrintStream(formatOutput, true, StandardCharsets.UTF_8));
        if (formatted != 0) {
            throw new IllegalStateException("kafka-storage format failed: " + formatOutput);
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(p), Time.SYSTEM);
        server.startup();
        KafkaBroker broker = new KafkaBroker(server, "127.0.0.1:" + port);
        try (Admin admin = broker.admin()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                try {
                    admin.describeCluster().nodes().get();
                    break;
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(100);
                }
            }
        }
        return broker;
    }

    public String bootstrap() {
        return bootstrap;
    }

    public Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", bootstrap));
    }

    public void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(java.util.List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
        server.awaitShutdown();
    }
}
