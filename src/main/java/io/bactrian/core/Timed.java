package io.bactrian.core;

/** A check result's detail that took a measurable time: the status page shows it as the latency. */
public interface Timed {
    double totalMs();
}
