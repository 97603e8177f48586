package io.bactrian.monitor;

/** Something wrong in a monitor list: the file, the monitor when known, the field, and what. */
public record MonitorProblem(String file, String monitor, String field, String message) {
}
