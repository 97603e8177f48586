package io.bactrian.api;

import java.time.Instant;

/**
 * An open incident: a monitor its alert rule called DOWN.
 *
 * @param monitor      the monitor's id
 * @param since        its first failure
 * @param failureClass the last failure's class
 * @param reason       the last failure's reason
 */
public record IncidentView(String monitor, Instant since, String failureClass, String reason) {
}
