package io.bactrian.probe.speedtest;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.bactrian.probe.HttpProbe;
import io.bactrian.probe.ProbeRequest;

/** Probes from any node, with the prober of the node's kind. */
public class NodeProbers implements NodeProber {
    private final Map<Node.Kind, NodeProber> byKind = new EnumMap<>(Node.Kind.class);

    public NodeProbers(HttpProbe localProbe) {
        byKind.put(Node.Kind.LOCAL, new LocalProber(localProbe));
        byKind.put(Node.Kind.BACTRIAN, new RemoteProber());
        byKind.put(Node.Kind.BLACKBOX, new BlackboxProber());
        byKind.put(Node.Kind.GLOBALPING, new GlobalpingProber());
    }

    public NodeProber forKind(Node.Kind kind) {
        return byKind.get(kind);
    }

    @Override
    public List<NodeResult> probe(Node node, ProbeRequest request) {
        return forKind(node.kind()).probe(node, request);
    }
}
