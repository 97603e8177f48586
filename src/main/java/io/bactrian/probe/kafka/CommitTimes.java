package io.bactrian.probe.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The last commit time of each watched group's partitions, kept from offset-commit records. */
public final class CommitTimes {
    private record Key(String group, String topic, int partition) {
    }

    private final Predicate<String> watched;
    private final Map<Key, Long> last = new HashMap<>();

    public CommitTimes(Predicate<String> watched) {
        this.watched = watched;
    }

    /** Takes one record of {@code __consumer_offsets}; null (not an offset commit) is ignored. */
    public void apply(OffsetCommitRecord c) {
        if (c == null || !watched.test(c.group())) {
            return;
        }
        Key key = new Key(c.group(), c.topic(), c.partition());
        if (c.deleted()) {
            last.remove(key);
        } else {
            last.put(key, c.commitMs());
        }
    }

    /** Partitions with a known commit time. */
    public int size() {
        return last.size();
    }

    /** The snapshot with each partition's last commit time, -1 where none is known. */
    public OffsetSnapshot stamp(OffsetSnapshot snapshot) {
        List<GroupOffsets> groups = new ArrayList<>();
        for (GroupOffsets g : snapshot.groups()) {
            List<PartitionOffset> rows = new ArrayList<>();
            for (PartitionOffset p : g.partitions()) {
                rows.add(p.withLastCommit(last.getOrDefault(new Key(g.group(), p.topic(), p.partition()), -1L)));
            }
            groups.add(new GroupOffsets(g.group(), g.state(), rows));
        }
        return new OffsetSnapshot(snapshot.source(), snapshot.at(), groups);
    }
}
