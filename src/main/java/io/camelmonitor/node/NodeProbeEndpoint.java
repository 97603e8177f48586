package io.camelmonitor.node;

import io.camelmonitor.endpoint.PerMonitor;
import io.camelmonitor.probe.ProbeEndpoint;
import io.camelmonitor.probe.ProbeRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultProducer;

/**
 * One node's probe: body in a {@link Node}, body out its {@code List<NodeResult>}; the target
 * travels in a header to the speed-check step after the split.
 */
public class NodeProbeEndpoint extends ProbeEndpoint {
    public static final String TARGET = "CamelMonitorTarget";

    NodeProbeEndpoint(String uri, NodeProbeComponent component, String label) {
        super(uri, component, label);
    }

    @Override
    public Producer createProducer() throws Exception {
        return PerMonitor.producer(this, getLabel(), this::ownProducer);
    }

    private Producer ownProducer() {
        ProbeRequest request = request();
        NodeProber prober = ((NodeProbeComponent) getComponent()).prober();
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) throws Exception {
                Node node = exchange.getMessage().getMandatoryBody(Node.class);
                exchange.getMessage().setHeader(TARGET, getUrl().trim());
                exchange.getMessage().setBody(prober.probe(node, request));
            }
        };
    }
}
