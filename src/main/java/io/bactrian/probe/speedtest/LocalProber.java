package io.bactrian.probe.speedtest;

import java.util.List;

import io.bactrian.probe.HttpProbe;
import io.bactrian.probe.ProbeRequest;

/** Probes from this process. */
public class LocalProber implements NodeProber {
    private final HttpProbe probe;

    public LocalProber(HttpProbe probe) {
        this.probe = probe;
    }

    @Override
    public List<NodeResult> probe(Node node, ProbeRequest request) {
        return List.of(new NodeResult(node, node.displayName(), probe.probe(request)));
    }
}
