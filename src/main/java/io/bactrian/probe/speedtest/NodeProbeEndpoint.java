package io.bactrian.probe.speedtest;

import io.bactrian.probe.ProbeEndpoint;
import io.bactrian.probe.ProbeRequest;
import io.bactrian.probe.ProbeWarmUp;
import org.apache.camel.Category;
import org.apache.camel.Exchange;
import org.apache.camel.spi.UriEndpoint;

/**
 * One node's probe: body in a {@link Node}, body out its {@code List<NodeResult>}; the target
 * travels in a header to the speed-check step after the split.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "node-probe", title = "Node Probe", syntax = "node-probe:label",
        category = {Category.MONITORING, Category.HTTP}, producerOnly = true)
public class NodeProbeEndpoint extends ProbeEndpoint {
    public static final String TARGET = "BactrianTarget";
    private ProbeRequest request;

    NodeProbeEndpoint(String uri, NodeProbeComponent component, String label) {
        super(uri, component, label);
    }

    @Override
    protected void checkSettings() {
        // the warm-up runs while the other routes are built
        ProbeWarmUp.startInBackground(request());
    }

    @Override
    protected void prepare() {
        request = request();
    }

    @Override
    protected void check(Exchange exchange) throws Exception {
        Node node = exchange.getMessage().getMandatoryBody(Node.class);
        exchange.getMessage().setHeader(TARGET, getUrl().trim());
        exchange.getMessage().setBody(((NodeProbeComponent) getComponent()).prober().probe(node, request));
    }
}
