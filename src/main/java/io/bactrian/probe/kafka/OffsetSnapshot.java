package io.bactrian.probe.kafka;

import java.time.Instant;
import java.util.List;

/**
 * What one read of an offset source returned: the groups watched, at one moment. This is the
 * body between {@code kafka-offsets:} (or any other offset source) and {@code kafka-lag:}.
 *
 * @param source where the offsets come from (bootstrap servers, cloud instance), for alerts
 * @param at     when they were read
 * @param groups the groups
 */
public record OffsetSnapshot(String source, Instant at, List<GroupOffsets> groups) {
}
