package io.bactrian.probe.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.bactrian.core.HumanDuration;

/**
 * Turns offset snapshots into lag reports, keeping per partition what the next evaluation
 * needs: the log-end history for lag in seconds and the status window. Partitions that leave
 * the snapshot are forgotten, so memory follows what is watched: per partition
 * {@code 16 * history + 25 * window} bytes of arrays plus about 150 bytes of objects.
 */
public final class LagTracker {
    private record Key(String group, String topic, int partition) {
    }

    private static final class State {
        final OffsetHistory history;
        final StatusWindow window;
        long seen;

        State(int history, int window) {
            this.history = new OffsetHistory(history);
            this.window = new StatusWindow(window);
        }
    }

    private final int historyPoints;
    private final int windowSize;
    private final long allowedLag;
    private final LagThresholds thresholds;
    private final Set<LagStatus> alertStatuses;
    private final Map<Key, State> states = new HashMap<>();
    private long generation;

    public LagTracker(int historyPoints, int windowSize, long allowedLag, LagThresholds thresholds,
                      Set<LagStatus> alertStatuses) {
        new OffsetHistory(historyPoints); // checks the sizes
        new StatusWindow(windowSize);
        this.historyPoints = historyPoints;
        this.windowSize = windowSize;
        this.allowedLag = allowedLag;
        this.thresholds = thresholds;
        this.alertStatuses = alertStatuses;
    }

    /** Partitions currently tracked. */
    public synchronized int tracked() {
        return states.size();
    }

    public synchronized LagReport evaluate(OffsetSnapshot snapshot) {
        long now = snapshot.at().toEpochMilli();
        long gen = ++generation;
        List<LagReport.GroupLag> groups = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (GroupOffsets g : snapshot.groups()) {
            List<String> groupProblems = new ArrayList<>();
            List<PartitionOffset> sorted = new ArrayList<>(g.partitions());
            sorted.sort(Comparator.comparing(PartitionOffset::topic).thenComparingInt(PartitionOffset::partition));
            List<LagReport.TopicLag> topics = new ArrayList<>();
            List<LagReport.PartitionLag> current = new ArrayList<>();
            int full = 0;
            for (int i = 0; i < sorted.size(); i++) {
                PartitionOffset p = sorted.get(i);
                State s = states.computeIfAbsent(new Key(g.group(), p.topic(), p.partition()),
                        k -> new State(historyPoints, windowSize));
                s.seen = gen;
                if (p.logEnd() >= 0) {
                    s.history.add(p.logEnd(), now);
                }
                long lag = p.lag();
                LagStatus status = LagStatus.OK;
                double seconds = Double.NaN;
                if (lag >= 0) {
                    s.window.add(p.committed(), lag, p.lastCommitMs(), p.consumer() != null);
                    status = s.window.status(allowedLag);
                    seconds = s.history.lagSeconds(p.committed(), p.logEnd(), now);
                } else {
                    s.window.clear();
                }
                full += s.window.full() ? 1 : 0;
                current.add(new LagReport.PartitionLag(p.topic(), p.partition(), p.committed(), p.logEnd(), lag, seconds,
                        status, p.consumer(), p.lastCommitMs()));
                boolean topicEnds = i == sorted.size() - 1 || !sorted.get(i + 1).topic().equals(p.topic());
                if (topicEnds) {
                    topics.add(topic(g.group(), current, now, groupProblems));
                    current = new ArrayList<>(); // a new list per topic: each topic keeps its own partitions
                }
            }
            groups.add(group(g, topics, sorted.isEmpty() ? 1 : (double) full / sorted.size(), groupProblems));
            problems.addAll(groupProblems);
        }
        states.values().removeIf(s -> s.seen != gen);
        return new LagReport(snapshot.source(), snapshot.at(), List.copyOf(groups), List.copyOf(problems));
    }

    private LagReport.TopicLag topic(String group, List<LagReport.PartitionLag> partitions, long now,
                                     List<String> problems) {
        String topic = partitions.get(0).topic();
        long lag = -1;
        long max = -1;
        double seconds = Double.NaN;
        int noOffset = 0;
        LagStatus status = LagStatus.OK;
        List<Integer> bad = new ArrayList<>();
        long lastCommit = -1;
        for (LagReport.PartitionLag p : partitions) {
            if (p.lag() < 0) {
                noOffset++;
                continue;
            }
            lag = Math.max(lag, 0) + p.lag(); // the sum over the topic's partitions, not the last one's
            max = Math.max(max, p.lag());
            seconds = maxKnown(seconds, p.lagSeconds());
            if (p.status().compareTo(status) > 0) {
                status = p.status();
                bad.clear();
                lastCommit = -1;
            }
            if (p.status() == status && status != LagStatus.OK) {
                bad.add(p.partition());
                lastCommit = Math.max(lastCommit, p.lastCommitMs());
            }
        }
        String scope = group + "/" + topic;
        List<String> found = new ArrayList<>();
        exceeded(scope, thresholds.topic(group, topic), lag, max, seconds, found);
        if (status != LagStatus.OK && alertStatuses.contains(status)) {
            // how long since the group last committed tells a stopped consumer from a slow one
            String since = lastCommit < 0 || (status != LagStatus.STOP && status != LagStatus.STALL) ? ""
                    : "; last commit " + HumanDuration.of(Duration.ofMillis(Math.max(0, now - lastCommit))) + " ago";
            found.add(scope + ": " + status + " (partition" + (bad.size() > 1 ? "s " : " ")
                    + String.join(",", bad.stream().map(String::valueOf).toList()) + since + ")");
        }
        problems.addAll(found);
        return new LagReport.TopicLag(topic, lag, max, seconds, status, noOffset, List.copyOf(partitions),
                found.isEmpty() ? null : String.join("; ", found));
    }

    private LagReport.GroupLag group(GroupOffsets g, List<LagReport.TopicLag> topics, double complete,
                                     List<String> problems) {
        long lag = -1;
        long max = -1;
        double seconds = Double.NaN;
        LagStatus status = LagStatus.OK;
        for (LagReport.TopicLag t : topics) {
            if (t.lag() >= 0) {
                lag = Math.max(lag, 0) + t.lag();
            }
            max = Math.max(max, t.maxPartitionLag());
            seconds = maxKnown(seconds, t.lagSeconds());
            status = t.status().compareTo(status) > 0 ? t.status() : status;
        }
        List<String> found = new ArrayList<>();
        exceeded(g.group(), thresholds.group(g.group()), lag, max, seconds, found);
        problems.addAll(found);
        return new LagReport.GroupLag(g.group(), g.state(), lag, max, seconds, status, complete, List.copyOf(topics),
                found.isEmpty() ? null : String.join("; ", found), List.copyOf(problems));
    }

    private static void exceeded(String scope, LagThresholds.Limits limits, long lag, long max, double seconds,
                                 List<String> found) {
        if (limits.lag() >= 0 && lag > limits.lag()) {
            found.add(scope + ": lag " + lag + " > " + limits.lag());
        }
        if (limits.partitionLag() >= 0 && max > limits.partitionLag()) {
            found.add(scope + ": partition lag " + max + " > " + limits.partitionLag());
        }
        if (limits.seconds() >= 0 && !Double.isNaN(seconds) && seconds > limits.seconds()) {
            found.add(scope + ": lag " + String.format(Locale.ROOT, "%.0f", seconds) + " s > "
                    + String.format(Locale.ROOT, "%.0f", limits.seconds()) + " s");
        }
    }

    private static double maxKnown(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }
}
