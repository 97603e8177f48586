package io.bactrian.testing;

import java.time.Instant;
import java.util.List;

import io.bactrian.core.CheckResult;
import io.bactrian.probe.kafka.LagReport;
import io.bactrian.probe.kafka.LagStatus;

/** Kafka lag checks as the {@code kafka-lag:} step makes them, for the history and the status page. */
public final class LagChecks {
    private LagChecks() {
    }

    /** A Kafka lag check of group pay at {@code at}: topic events and topic audit (no committed offset). */
    public static CheckResult pay(long at, long eventsLag, double eventsSeconds, LagStatus eventsStatus) {
        LagReport.TopicLag events = new LagReport.TopicLag("events", eventsLag, eventsLag, eventsSeconds, eventsStatus,
                0, List.of(), null);
        LagReport.TopicLag audit = new LagReport.TopicLag("audit", -1, -1, Double.NaN, LagStatus.OK, 1, List.of(), null);
        LagReport.GroupLag pay = new LagReport.GroupLag("pay", "Stable", eventsLag, eventsLag, eventsSeconds,
                eventsStatus, 1, List.of(audit, events), null, List.of());
        LagReport report = new LagReport("127.0.0.1:9092", Instant.ofEpochMilli(at), List.of(pay), List.of());
        return new CheckResult("kafka-lag/pay", "Kafka 127.0.0.1:9092 group pay", Instant.ofEpochMilli(at),
                eventsStatus == LagStatus.OK, null, null, "pay lag " + eventsLag, report);
    }
}
