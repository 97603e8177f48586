package io.bactrian.probe.kafka;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.bactrian.core.CheckResult;
import io.bactrian.core.Table;
import io.bactrian.core.TableDetail;
import io.bactrian.store.HistoryRows;
import io.bactrian.store.Rows.Lag;

/**
 * One evaluation of consumer lag: per group, per topic and per partition, with statuses and
 * the limits that were crossed. The alert mail shows it as a table of topics.
 *
 * @param source   where the offsets came from
 * @param at       when they were read
 * @param groups   the groups, in the order read
 * @param problems what makes the check fail ("orders: lag 5000 > 1000", "orders/payments: STOP"), empty when fine
 */
public record LagReport(String source, Instant at, List<GroupLag> groups, List<String> problems)
        implements TableDetail, HistoryRows {

    /** Lag of one partition; {@code lag} and {@code lastCommitMs} -1 and {@code lagSeconds} NaN when unknown. */
    public record PartitionLag(String topic, int partition, long committed, long logEnd, long lag, double lagSeconds,
                               LagStatus status, String consumer, long lastCommitMs) {
    }

    /** A topic of a group: lag summed, largest partition lag, largest lag in seconds, worst status. */
    public record TopicLag(String topic, long lag, long maxPartitionLag, double lagSeconds, LagStatus status,
                           int noOffset, List<PartitionLag> partitions, String problem) {
    }

    /**
     * A group: its topics' lag summed, the largest partition lag and lag in seconds, the worst
     * status; {@code problem} the group's own limits crossed, {@code problems} all of its own and
     * its topics'.
     */
    public record GroupLag(String group, String state, long lag, long maxPartitionLag, double lagSeconds,
                           LagStatus status, double complete, List<TopicLag> topics, String problem,
                           List<String> problems) {
    }

    public static final List<String> HEADER = List.of("Group", "Topic", "Partitions", "Lag", "Max partition lag",
            "Lag seconds", "Status", "Result");

    /** A row per group and topic: unknown lag and lag in seconds stored as null. */
    @Override
    public List<Lag> lags(CheckResult result, long atMs) {
        List<Lag> rows = new ArrayList<>();
        for (GroupLag g : groups) {
            for (TopicLag t : g.topics()) {
                rows.add(new Lag(result.monitor(), atMs, g.group(), t.topic(), t.lag() < 0 ? null : t.lag(),
                        Double.isNaN(t.lagSeconds()) ? null : t.lagSeconds(), t.status().name()));
            }
        }
        return rows;
    }

    public GroupLag group(String name) {
        return groups.stream().filter(g -> g.group().equals(name)).findFirst().orElse(null);
    }

    /** The report of one group alone: what its own alert shows. */
    public LagReport of(GroupLag group) {
        return new LagReport(source, at, List.of(group), group.problems());
    }

    /** Rows for the alert: one per topic, failing first; the group's totals as topic {@code *}. */
    @Override
    public Table table() {
        List<Table.Row> failing = new ArrayList<>();
        List<Table.Row> fine = new ArrayList<>();
        for (GroupLag g : groups) {
            row(g.problem() == null ? fine : failing, g.group(), "*", g.topics().stream().mapToInt(t -> t.partitions().size()).sum(),
                    g.lag(), g.maxPartitionLag(), g.lagSeconds(), g.status(), g.problem());
            for (TopicLag t : g.topics()) {
                row(t.problem() == null ? fine : failing, g.group(), t.topic(), t.partitions().size(), t.lag(),
                        t.maxPartitionLag(), t.lagSeconds(), t.status(), t.problem());
            }
        }
        failing.addAll(fine);
        return new Table(HEADER, failing);
    }

    private static void row(List<Table.Row> rows, String group, String topic, int partitions, long lag,
                            long maxPartitionLag, double seconds, LagStatus status, String problem) {
        rows.add(new Table.Row(List.of(group, topic, String.valueOf(partitions), count(lag), count(maxPartitionLag),
                seconds(seconds), status.name(), problem == null ? "ok" : problem), problem != null));
    }

    /** A lag as printed: "-" when unknown. */
    public static String count(long lag) {
        return lag < 0 ? "-" : String.valueOf(lag);
    }

    /** Lag in seconds as printed: "-" when there is too little history to tell. */
    public static String seconds(double s) {
        return Double.isNaN(s) ? "-" : String.format(Locale.ROOT, "%.1f", s);
    }
}
