package io.bactrian.probe.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When each watched group last committed each partition, read from Kafka's internal
 * {@code __consumer_offsets} topic as Burrow does (the admin API has no commit times). Reads
 * from the start of the (compacted) topic once, then on each call only what was added since,
 * into {@link CommitTimes}. Reading needs Describe and Read on that topic;
 * without them, or while the first read is still catching up, the times are unknown (-1) and
 * the status rules fall back to group membership.
 */
public final class CommitLog implements AutoCloseable {
    static final String TOPIC = "__consumer_offsets";
    private static final Logger LOG = LoggerFactory.getLogger(CommitLog.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final CommitTimes times;
    private final Duration timeout;
    private List<TopicPartition> partitions;
    private String unreadable;

    public CommitLog(String bootstrapServers, Map<String, Object> clientProperties, Duration timeout,
                     Predicate<String> watched) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers.strip());
        p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "bactrian-commits");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // an offset commit inside a transaction counts once the transaction commits
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        p.putIfAbsent(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.times = new CommitTimes(watched);
        this.timeout = timeout;
    }

    /**
     * The snapshot with each partition's last commit time, read up to the topic's end as it is
     * now (so every commit the snapshot's offsets include); unchanged, times unknown, when the
     * topic cannot be read to its end within the timeout.
     */
    public synchronized OffsetSnapshot stamp(OffsetSnapshot snapshot) {
        return catchUp() ? times.stamp(snapshot) : snapshot;
    }

    /** Why the commit times are unknown, null when the topic was read to its end last time. */
    public synchronized String unreadable() {
        return unreadable;
    }

    private boolean catchUp() {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (partitions == null) {
                List<PartitionInfo> infos = consumer.partitionsFor(TOPIC, timeout);
                if (infos == null || infos.isEmpty()) {
                    return unreadable("the topic is not visible");
                }
                partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
                consumer.assign(partitions);
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            String unparsed = null;
            while (!reached(ends)) {
                if (System.nanoTime() > deadline) {
                    return unreadable("not read to its end within " + timeout.toMillis() + " ms");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    try {
                        times.apply(OffsetCommitRecord.parse(r.key(), r.value()));
                    } catch (RuntimeException e) {
                        // a format this version does not know: the times it holds are missing
                        unparsed = "record at " + r.partition() + "/" + r.offset() + ": " + e;
                    }
                }
            }
            if (unparsed != null) {
                return unreadable(unparsed);
            }
        } catch (KafkaException e) {
            return unreadable(e.getMessage());
        }
        if (unreadable != null) {
            LOG.info("Commit times read from {} again", TOPIC);
        }
        unreadable = null;
        return true;
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            if (consumer.position(e.getKey(), timeout) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private boolean unreadable(String why) {
        if (unreadable == null) {
            LOG.warn("Cannot read commit times from {} ({}): STALL and STOP are told apart by group membership"
                    + " until it can be read", TOPIC, why);
        }
        unreadable = why == null ? "unknown error" : why;
        return false;
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
