package io.bactrian.probe.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.utils.ByteUtils;

/**
 * An offset commit as the group coordinator writes it to {@code __consumer_offsets}: the key
 * names group, topic and partition, the value holds the offset and the broker's commit time.
 * Only the few fields needed are read, from Kafka's record formats (group-coordinator's
 * {@code OffsetCommitKey} and {@code OffsetCommitValue}, Kafka 0.8 to 4.1):
 * <ul>
 *   <li>key: int16 type, 0 or 1 for an offset commit (others are group metadata and the newer
 *       consumer-group records), then group, topic (int16-length strings) and int32 partition;</li>
 *   <li>value: int16 version, int64 offset, from version 3 an int32 leader epoch, the metadata
 *       string (compact from version 4), int64 commit timestamp; later fields are ignored;</li>
 *   <li>no value (a tombstone): the committed offset was deleted.</li>
 * </ul>
 *
 * @param group    the consumer group
 * @param topic    the topic
 * @param partition the partition
 * @param offset   the committed offset, -1 for a tombstone
 * @param commitMs when the broker took the commit (epoch ms), -1 for a tombstone
 */
public record OffsetCommitRecord(String group, String topic, int partition, long offset, long commitMs) {

    public boolean deleted() {
        return offset < 0;
    }

    /** The commit in a record of {@code __consumer_offsets}; null when the record is no offset commit. */
    public static OffsetCommitRecord parse(byte[] key, byte[] value) {
        if (key == null || key.length < 2) {
            return null;
        }
        ByteBuffer k = ByteBuffer.wrap(key);
        short type = k.getShort();
        if (type != 0 && type != 1) {
            return null;
        }
        String group = string(k);
        String topic = string(k);
        int partition = k.getInt();
        if (value == null) {
            return new OffsetCommitRecord(group, topic, partition, -1, -1);
        }
        ByteBuffer v = ByteBuffer.wrap(value);
        short version = v.getShort();
        if (version < 0 || version > 4) {
            throw new IllegalArgumentException("offset commit value version " + version + " is unknown");
        }
        long offset = v.getLong();
        if (version >= 3) {
            v.getInt(); // leader epoch
        }
        int metadata = version >= 4 ? ByteUtils.readUnsignedVarint(v) - 1 : v.getShort(); // compact from 4
        v.position(v.position() + Math.max(0, metadata));
        return new OffsetCommitRecord(group, topic, partition, offset, v.getLong());
    }

    private static String string(ByteBuffer b) {
        byte[] bytes = new byte[b.getShort()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
