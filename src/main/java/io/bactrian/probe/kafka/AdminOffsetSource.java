package io.bactrian.probe.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Offsets from a Kafka cluster through the admin API, exactly as {@code kafka-consumer-groups
 * --describe} reads them: committed offsets with {@code listConsumerGroupOffsets}, log-end
 * offsets with {@code listOffsets(latest)}, assignments with {@code describeConsumerGroups}.
 * All groups are read in one request of each kind, all of it within one timeout.
 */
public final class AdminOffsetSource implements AutoCloseable {
    private final String bootstrapServers;
    private final Admin admin;
    private final Duration timeout;

    public AdminOffsetSource(String bootstrapServers, Map<String, Object> clientProperties, Duration timeout) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("no bootstrap servers: set kafka.bootstrap-servers");
        }
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers.strip());
        p.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "bactrian-lag");
        int millis = (int) timeout.toMillis();
        p.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        p.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        // a connection attempt may take 10 s to 30 s by default, past the caller's limit
        p.putIfAbsent(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Math.min(millis, 10_000));
        p.putIfAbsent(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, millis);
        this.bootstrapServers = bootstrapServers.strip();
        this.admin = Admin.create(p);
        this.timeout = timeout;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The groups the selector picks; with a fixed list, those that exist or not. */
    public List<String> groups(GroupSelector selector) throws Exception {
        return groups(selector, deadline());
    }

    private List<String> groups(GroupSelector selector, long deadline) throws Exception {
        if (!selector.lists()) {
            return selector.groups();
        }
        Set<String> found = new TreeSet<>();
        for (GroupListing g : get(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all(), deadline)) {
            if (selector.matches(g.groupId())) {
                found.add(g.groupId());
            }
        }
        return List.copyOf(found);
    }

    /** Everything within the timeout: each step waits only for what is left of it. */
    public OffsetSnapshot read(GroupSelector selector) throws Exception {
        long deadline = deadline();
        List<String> groups = groups(selector, deadline);
        if (groups.isEmpty()) {
            return new OffsetSnapshot(bootstrapServers, Instant.now(), List.of());
        }
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
        var offsetsResult = admin.listConsumerGroupOffsets(specs);
        var describeResult = admin.describeConsumerGroups(groups);
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
        Map<String, ConsumerGroupDescription> described = new HashMap<>();
        for (String g : groups) {
            committed.put(g, get(offsetsResult.partitionsToOffsetAndMetadata(g), deadline));
            described.put(g, get(describeResult.describedGroups().get(g), deadline));
        }

        Set<TopicPartition> all = new HashSet<>();
        Map<String, Map<TopicPartition, String>> assigned = new HashMap<>();
        for (String g : groups) {
            all.addAll(committed.get(g).keySet());
            Map<TopicPartition, String> owners = new HashMap<>();
            for (MemberDescription m : described.get(g).members()) {
                for (TopicPartition tp : m.assignment().topicPartitions()) {
                    owners.put(tp, m.clientId());
                }
            }
            all.addAll(owners.keySet());
            assigned.put(g, owners);
        }
        Map<TopicPartition, Long> logEnd = logEnds(all, deadline);
        Instant at = Instant.now();

        List<GroupOffsets> result = new ArrayList<>();
        for (String g : groups) {
            Set<TopicPartition> partitions = new HashSet<>(committed.get(g).keySet());
            partitions.addAll(assigned.get(g).keySet());
            List<PartitionOffset> rows = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata om = committed.get(g).get(tp);
                rows.add(new PartitionOffset(tp.topic(), tp.partition(), om == null ? -1 : om.offset(),
                        logEnd.getOrDefault(tp, -1L), assigned.get(g).get(tp)));
            }
            result.add(new GroupOffsets(g, String.valueOf(described.get(g).groupState()), rows));
        }
        return new OffsetSnapshot(bootstrapServers, at, result);
    }

    /** Latest offsets; a partition without a leader gets none, as in Kafka's own command. */
    private Map<TopicPartition, Long> logEnds(Set<TopicPartition> partitions, long deadline) throws Exception {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        partitions.forEach(tp -> specs.put(tp, OffsetSpec.latest()));
        ListOffsetsResult result = admin.listOffsets(specs);
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (TopicPartition tp : partitions) {
            try {
                ends.put(tp, get(result.partitionResult(tp), deadline).offset());
            } catch (ExecutionException e) {
                // unknown for this partition only
            }
        }
        return ends;
    }

    private long deadline() {
        return System.nanoTime() + timeout.toNanos();
    }

    /**
     * The future's value; the client's own give-ups ("Timed out waiting for a node assignment",
     * "Failed to find brokers to send ListGroups") said as what they mean.
     */
    private <T> T get(KafkaFuture<T> future, long deadline) throws Exception {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw noAnswer();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException
                    || e.getCause() instanceof KafkaException && String.valueOf(e.getCause().getMessage())
                            .startsWith("Failed to find brokers")) {
                throw noAnswer();
            }
            throw e;
        }
    }

    private TimeoutException noAnswer() {
        return new TimeoutException("Kafka at " + bootstrapServers + " did not answer within " + timeout.toMillis() + " ms");
    }

    /** At once: calls still pending are given up, the caller has its answer or its timeout already. */
    @Override
    public void close() {
        admin.close(Duration.ZERO);
    }
}
