package io.bactrian.alert;

/**
 * The notices a monitor's lifecycle sends: one DOWN, reminders while down, one RESOLVED; and
 * NOTICE, outside the lifecycle, when a passing check has news (a page changed, a certificate
 * nears its expiry).
 */
public enum AlertKind {
    DOWN, REMINDER, RESOLVED, NOTICE
}
