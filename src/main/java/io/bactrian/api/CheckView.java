package io.bactrian.api;

import java.time.Instant;

import io.bactrian.channel.AlertMail;
import io.bactrian.core.CheckResult;
import io.bactrian.core.Table;

/**
 * The result of a check now, as the API answers it: up or down and why, and the per-row
 * detail alerts would show (a speed test's nodes), or none.
 */
public record CheckView(String monitor, String target, Instant at, boolean up, String failureClass, String reason,
                        String summary, Table table) {
    static CheckView of(CheckResult r) {
        Table table = AlertMail.rows(r);
        return new CheckView(r.monitor(), r.target(), r.at(), r.up(), r.failureClass(), r.reason(), r.summary(),
                table.isEmpty() ? null : table);
    }
}
