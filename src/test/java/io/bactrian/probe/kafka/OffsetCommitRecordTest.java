package io.bactrian.probe.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.protocol.MessageUtil;
import org.apache.kafka.coordinator.group.generated.GroupMetadataKey;
import org.apache.kafka.coordinator.group.generated.LegacyOffsetCommitKey;
import org.apache.kafka.coordinator.group.generated.OffsetCommitKey;
import org.apache.kafka.coordinator.group.generated.OffsetCommitValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code __consumer_offsets} records as Kafka 4.1's own group coordinator serialises them. */
class OffsetCommitRecordTest {
    static final byte[] KEY = MessageUtil.toCoordinatorTypePrefixedBytes(
            new OffsetCommitKey().setGroup("billing").setTopic("orders").setPartition(7));

    @ParameterizedTest(name = "value version {0}")
    @ValueSource(shorts = {0, 1, 2, 3, 4})
    void everyValueVersionGivesOffsetAndCommitTime(short version) {
        byte[] value = MessageUtil.toVersionPrefixedBytes(version, new OffsetCommitValue().setOffset(4242)
                .setLeaderEpoch(3).setMetadata("consumer metadata ü").setCommitTimestamp(1_700_000_000_123L)
                .setExpireTimestamp(1_700_000_900_000L));
        assertEquals(new OffsetCommitRecord("billing", "orders", 7, 4242, 1_700_000_000_123L),
                OffsetCommitRecord.parse(KEY, value));
    }

    @Test
    void legacyKeyVersionZeroIsAnOffsetCommitToo() {
        byte[] key = MessageUtil.toVersionPrefixedBytes((short) 0,
                new LegacyOffsetCommitKey().setGroup("g").setTopic("t").setPartition(0));
        byte[] value = MessageUtil.toVersionPrefixedBytes((short) 1,
                new OffsetCommitValue().setOffset(5).setMetadata("").setCommitTimestamp(99));
        assertEquals(new OffsetCommitRecord("g", "t", 0, 5, 99), OffsetCommitRecord.parse(key, value));
    }

    @Test
    void tombstoneIsADeletedOffset() {
        OffsetCommitRecord deleted = OffsetCommitRecord.parse(KEY, null);
        assertTrue(deleted.deleted());
        assertEquals("billing", deleted.group());
    }

    @Test
    void groupMetadataIsNoOffsetCommit() {
        assertNull(OffsetCommitRecord.parse(MessageUtil.toCoordinatorTypePrefixedBytes(new GroupMetadataKey().setGroup("g")),
                new byte[] {0, 3}));
    }
}
