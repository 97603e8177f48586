package io.bactrian.probe.speedtest;

import java.util.List;

import io.bactrian.probe.ProbeRequest;

/** Runs one probe from one node. Never throws for network trouble: that is a row with a failure. */
public interface NodeProber {

    /** One row per place the probe ran (Globalping can run one node's probe at several). */
    List<NodeResult> probe(Node node, ProbeRequest request);
}
