package io.bactrian.probe.kafka;

/**
 * One partition of a group at one moment, as Kafka's admin API reports it.
 *
 * @param topic     the topic
 * @param partition the partition number
 * @param committed the group's committed offset, -1 when the group has none for this partition
 * @param logEnd    the partition's log-end offset (latest), -1 when unknown (no leader)
 * @param consumer  the client id of the member the partition is assigned to, null when none is
 * @param lastCommitMs when the group last committed this partition (epoch ms), -1 when unknown
 */
public record PartitionOffset(String topic, int partition, long committed, long logEnd, String consumer,
                              long lastCommitMs) {

    /** Without a commit time: sources that cannot tell one. */
    public PartitionOffset(String topic, int partition, long committed, long logEnd, String consumer) {
        this(topic, partition, committed, logEnd, consumer, -1);
    }

    public PartitionOffset withLastCommit(long commitMs) {
        return new PartitionOffset(topic, partition, committed, logEnd, consumer, commitMs);
    }

    public boolean hasCommit() {
        return committed >= 0;
    }

    /** Log end minus committed offset, as {@code kafka-consumer-groups --describe}; -1 when either is missing. */
    public long lag() {
        return committed < 0 || logEnd < 0 ? -1 : Math.max(0, logEnd - committed);
    }
}
