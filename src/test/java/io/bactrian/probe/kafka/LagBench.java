package io.bactrian.probe.kafka;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.bactrian.core.HumanDuration;

/**
 * Lag evaluation cost on synthetic offsets (no broker): one group of 10,000 partitions, and 100
 * groups of 100 partitions. An evaluation is what the route does with a read: last commit times
 * put on the offsets, lag and status computed, one check per group judged. Prints CPU time per
 * evaluation once the history tables are full, the heap the tracker keeps and the heap the
 * commit times keep. Run by bench/kafka-lag.sh.
 */
public final class LagBench {
    private LagBench() {
    }

    public static void main(String[] args) throws Exception {
        int history = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int window = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        // one case per JVM (the script runs each): the heap figures then hold nothing of the other case
        String only = args.length > 2 ? args[2] : "";
        System.out.printf(Locale.ROOT, "history %d points, window %d observations per partition%n", history, window);
        if (!only.equals("many")) {
            run("1 group x 10,000 partitions (100 topics x 100)", 1, 100, 100, history, window);
        }
        if (!only.equals("one")) {
            run("100 groups x 100 partitions (10 topics x 10)", 100, 10, 10, history, window);
        }
    }

    private static void run(String name, int groups, int topics, int partitions, int history, int window) {
        LagTracker tracker = new LagTracker(history, window, 0,
                LagThresholds.parse("*: lag > 1000000, seconds > 300; g0/t0: lag > 10"), Set.of(LagStatus.values()));
        // loaded before the baseline: the jars its classes open are no memory per partition
        HumanDuration.of(Duration.ZERO);
        CommitTimes commits = new CommitTimes(g -> true);
        long beforeCommits = usedAfterGc();
        for (int g = 0; g < groups; g++) {
            for (int t = 0; t < topics; t++) {
                for (int p = 0; p < partitions; p++) {
                    commits.apply(new OffsetCommitRecord("g" + g, "t" + t, p, 0, 0)); // fresh strings, as parsed
                }
            }
        }
        long retainedCommits = usedAfterGc() - beforeCommits;
        long used0 = usedAfterGc();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int rounds = history + window + 40;
        long[] cpu = new long[rounds];
        Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
        int total = groups * topics * partitions;
        LagReport last = null;
        for (int r = 0; r < rounds; r++) {
            long now = t0.plusSeconds(30L * r).toEpochMilli();
            List<GroupOffsets> gs = new ArrayList<>(groups);
            for (int g = 0; g < groups; g++) {
                List<PartitionOffset> ps = new ArrayList<>(topics * partitions);
                for (int t = 0; t < topics; t++) {
                    for (int p = 0; p < partitions; p++) {
                        long end = 1000L * r + 7L * p + t;
                        // every 10th partition stuck, the rest keep up within a few hundred messages
                        long committed = p % 10 == 0 ? 50 : Math.max(0, end - (p * 31L + r) % 300);
                        ps.add(new PartitionOffset("t" + t, p, committed, end, p % 10 == 0 ? null : "c" + p));
                        // every partition committed since the last read: stuck ones the same offset again
                        commits.apply(new OffsetCommitRecord("g" + g, "t" + t, p, committed, now - 1000));
                    }
                }
                gs.add(new GroupOffsets("g" + g, "Stable", ps));
            }
            OffsetSnapshot snapshot = new OffsetSnapshot("bench", t0.plusSeconds(30L * r), gs);
            long before = mx.getCurrentThreadCpuTime();
            LagReport report = tracker.evaluate(commits.stamp(snapshot));
            for (LagReport.GroupLag g : report.groups()) {
                KafkaLagEndpoint.judge("bench/" + g.group(), report.of(g));
            }
            cpu[r] = mx.getCurrentThreadCpuTime() - before;
            last = report;
        }
        long retained = usedAfterGc() - used0;
        // keep the tracker reachable until measured
        if (tracker.tracked() != total || commits.size() != total) {
            throw new IllegalStateException("tracked " + tracker.tracked());
        }
        long[] steady = java.util.Arrays.copyOfRange(cpu, history + window, rounds);
        java.util.Arrays.sort(steady);
        System.out.printf(Locale.ROOT, "%s: %d partitions, %d evaluations; CPU per evaluation once full: median %.1f ms, "
                        + "max %.1f ms; first evaluation %.1f ms; tracker heap %.1f MB (%d bytes per partition); "
                        + "commit times heap %.1f MB (%d bytes per partition); %d problems reported%n",
                name, total, rounds, steady[steady.length / 2] / 1e6, steady[steady.length - 1] / 1e6, cpu[0] / 1e6,
                retained / 1048576.0, retained / total, retainedCommits / 1048576.0, retainedCommits / total,
                last.problems().size());
        if (tracker.tracked() < 0) {
            System.out.println(last);
        }
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
