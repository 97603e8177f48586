package io.bactrian.probe.speedtest;

import io.bactrian.probe.ProbeResult;

/**
 * One row of a speed test: where the probe ran and what it measured. A node that could not
 * be asked still gives a row, whose result carries the failure.
 *
 * @param node   the node as configured
 * @param label  the row's name: the node's display name, or for Globalping the probe's place
 * @param result the probe's result
 */
public record NodeResult(Node node, String label, ProbeResult result) {
}
