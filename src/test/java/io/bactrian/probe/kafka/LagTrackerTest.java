package io.bactrian.probe.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.bactrian.core.CheckResult;
import io.bactrian.core.Table;
import org.junit.jupiter.api.Test;

/** Sums, maxima, missing offsets and thresholds of one evaluation. */
class LagTrackerTest {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    static OffsetSnapshot snapshot(long secondsAfter, GroupOffsets... groups) {
        return new OffsetSnapshot("test:9092", T0.plusSeconds(secondsAfter), List.of(groups));
    }

    static PartitionOffset p(String topic, int partition, long committed, long logEnd) {
        return new PartitionOffset(topic, partition, committed, logEnd, "c1");
    }

    @Test
    void topicLagIsTheSumOfItsPartitionsNotTheLastOne() {
        LagTracker t = new LagTracker(10, 3, 0, LagThresholds.parse(""), Set.of());
        LagReport r = t.evaluate(snapshot(0, new GroupOffsets("g", "Stable", List.of(
                p("orders", 2, 90, 100), p("orders", 0, 0, 500), p("orders", 1, 300, 300),
                p("audit", 0, 7, 10), p("audit", 1, 0, 4)))));
        LagReport.GroupLag g = r.group("g");
        assertEquals(2, g.topics().size(), "every topic kept: " + g.topics());
        LagReport.TopicLag audit = g.topics().get(0);
        LagReport.TopicLag orders = g.topics().get(1);
        assertEquals("audit", audit.topic());
        assertEquals(2, audit.partitions().size(), "audit keeps its own partitions");
        assertEquals(7, audit.lag());
        assertEquals(3, orders.partitions().size(), "orders keeps its own partitions, not a list reset per topic");
        assertEquals(510, orders.lag(), "500 + 0 + 10, not the last partition's 10");
        assertEquals(500, orders.maxPartitionLag());
        assertEquals(517, g.lag());
        assertEquals(500, g.maxPartitionLag());
        assertEquals(List.of(0, 1, 2), orders.partitions().stream().map(LagReport.PartitionLag::partition).toList());
    }

    @Test
    void partitionWithoutCommittedOffsetIsShownAsSuchNotAsZero() {
        LagTracker t = new LagTracker(10, 3, 0, LagThresholds.parse("*: lag > 0"), Set.of());
        LagReport r = t.evaluate(snapshot(0, new GroupOffsets("g", "Stable", List.of(
                p("orders", 0, -1, 100), p("orders", 1, 40, 50)))));
        LagReport.TopicLag orders = r.group("g").topics().get(0);
        assertEquals(-1, orders.partitions().get(0).lag());
        assertEquals(1, orders.noOffset());
        assertEquals(10, orders.lag(), "the known partition only");
        assertEquals("-", LagReport.count(orders.partitions().get(0).lag()));

        LagReport none = t.evaluate(snapshot(1, new GroupOffsets("g", "Stable", List.of(p("orders", 0, -1, 100)))));
        assertEquals(-1, none.group("g").lag(), "no committed offset at all: unknown, not zero");
        assertTrue(none.problems().isEmpty(), "unknown lag breaks no threshold");
        assertEquals(1, t.tracked(), "partitions gone from the snapshot are forgotten");
    }

    @Test
    void thresholdsPerGroupAndPerTopic() {
        LagThresholds th = LagThresholds.parse("*: lag > 1000; billing: lag > 5; orders/payments: lag > 100, partitionLag > 60");
        LagTracker t = new LagTracker(10, 3, 0, th, Set.of());
        LagReport r = t.evaluate(snapshot(0,
                new GroupOffsets("orders", "Stable", List.of(p("payments", 0, 0, 70), p("payments", 1, 0, 40),
                        p("audit", 0, 0, 500))),
                new GroupOffsets("billing", "Stable", List.of(p("invoices", 0, 0, 6))),
                new GroupOffsets("quiet", "Stable", List.of(p("invoices", 0, 0, 999)))));
        assertEquals(List.of("orders/payments: lag 110 > 100", "orders/payments: partition lag 70 > 60",
                "billing: lag 6 > 5"), r.problems());
        assertNull(r.group("quiet").problem());
        // each group is judged on its own: its report holds only its rows and its problems
        CheckResult c = KafkaLagEndpoint.judge("kafka-lag/orders", r.of(r.group("orders")));
        assertTrue(!c.up());
        assertEquals("lag threshold", c.failureClass());
        assertEquals("orders/payments: lag 110 > 100; orders/payments: partition lag 70 > 60", c.reason());
        assertEquals("Kafka test:9092 group orders", c.target());
        assertEquals(List.of("orders"), ((LagReport) c.detail()).groups().stream().map(LagReport.GroupLag::group).toList());
        assertEquals("billing: lag 6 > 5", KafkaLagEndpoint.judge("kafka-lag/billing", r.of(r.group("billing"))).reason());
        assertTrue(KafkaLagEndpoint.judge("kafka-lag/quiet", r.of(r.group("quiet"))).up());
    }

    @Test
    void lagSecondsAndStatusOverEvaluations() {
        LagTracker t = new LagTracker(10, 3, 0, LagThresholds.parse("*: seconds > 15"), EnumSet.of(LagStatus.STOP));
        LagReport r = null;
        for (int i = 0; i <= 4; i++) {
            // 10 messages a second produced, nobody consumes, nobody is assigned
            r = t.evaluate(snapshot(i * 10L, new GroupOffsets("g", "Empty",
                    List.of(new PartitionOffset("orders", 0, 0, 100L * i + 100, null)))));
        }
        LagReport.TopicLag orders = r.group("g").topics().get(0);
        assertEquals(LagStatus.STOP, orders.status());
        assertEquals(LagStatus.STOP, r.group("g").status());
        // log end was 100 at 0 s and 500 at 40 s: offset 0 was the log end at -10 s
        assertEquals(50.0, orders.lagSeconds(), 1e-6);
        assertEquals(List.of("g/orders: STOP (partition 0)", "g: lag 50 s > 15 s"), r.problems());
        assertEquals(1.0, r.group("g").complete());
        Table table = r.table();
        assertEquals(LagReport.HEADER, table.header());
        assertEquals(List.of(
                new Table.Row(List.of("g", "*", "1", "500", "500", "50.0", "STOP", "g: lag 50 s > 15 s"), true),
                new Table.Row(List.of("g", "orders", "1", "500", "500", "50.0", "STOP", "g/orders: STOP (partition 0)"), true)),
                table.rows());
    }

    @Test
    void idleTopicWithZeroLagIsNeverStop() {
        LagTracker t = new LagTracker(10, 3, 0, LagThresholds.parse(""), EnumSet.allOf(LagStatus.class));
        LagReport r = null;
        for (int i = 0; i < 6; i++) {
            r = t.evaluate(snapshot(i * 10L, new GroupOffsets("g", "Empty",
                    List.of(new PartitionOffset("orders", 0, 100, 100, null)))));
        }
        assertEquals(LagStatus.OK, r.group("g").status());
        assertTrue(r.problems().isEmpty());
        assertTrue(KafkaLagEndpoint.judge("m", r.of(r.group("g"))).up());
    }

    @Test
    void badSettingsAreSaidPlainly() {
        assertEquals("threshold 'lag 5' needs a scope: write 'group: lag > 1000' or '*: seconds > 300'",
                assertThrows(IllegalArgumentException.class, () -> LagThresholds.parse("lag 5")).getMessage());
        assertEquals("unknown threshold 'lagg' of '*': use lag, seconds or partitionLag",
                assertThrows(IllegalArgumentException.class, () -> LagThresholds.parse("*: lagg > 5")).getMessage());
        assertEquals("threshold 'lag > x' of 'g': 'x' is not a number",
                assertThrows(IllegalArgumentException.class, () -> LagThresholds.parse("g: lag > x")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KafkaLagEndpoint.statuses("WARN,ERR"))
                .getMessage().startsWith("alertStatuses: unknown status 'ERR'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GroupSelector.of("", "(", ""))
                .getMessage().startsWith("include '(' is not a regular expression"));
    }

    @Test
    void groupSelection() {
        GroupSelector s = GroupSelector.of("", "orders-.*|billing", "orders-test.*");
        assertTrue(s.matches("orders-eu"));
        assertTrue(s.matches("billing"));
        assertTrue(!s.matches("orders-test-1"));
        assertTrue(!s.matches("billing-2"), "whole-id match");
        GroupSelector list = GroupSelector.of("a, b", null, null);
        assertTrue(!list.lists());
        assertEquals(List.of("a", "b"), list.groups());
    }
}
