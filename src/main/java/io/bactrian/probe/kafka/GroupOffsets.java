package io.bactrian.probe.kafka;

import java.util.List;

/**
 * A consumer group's offsets at one moment.
 *
 * @param group      the group id
 * @param state      the group's state as the broker reports it (Stable, Empty, PreparingRebalance, ...)
 * @param partitions every partition the group has a committed offset for or is assigned
 */
public record GroupOffsets(String group, String state, List<PartitionOffset> partitions) {
}
