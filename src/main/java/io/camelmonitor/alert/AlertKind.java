package io.camelmonitor.alert;

/** The notices a monitor's lifecycle sends: one DOWN, reminders while down, one RESOLVED. */
public enum AlertKind {
    DOWN, REMINDER, RESOLVED
}
