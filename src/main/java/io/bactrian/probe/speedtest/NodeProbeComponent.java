package io.bactrian.probe.speedtest;

import java.util.Map;

import io.bactrian.endpoint.PerMonitor;
import io.bactrian.endpoint.VerbatimComponent;
import io.bactrian.probe.HttpProbe;
import io.bactrian.probe.ProbeWarmUp;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;

/**
 * {@code node-probe:<label>?url=...&timeout=2500}: runs one HTTP probe from the node in the
 * body; the body out is that node's rows. Each node's probe is bounded by its own timeout.
 */
@Component("node-probe")
public class NodeProbeComponent extends VerbatimComponent {
    private NodeProber prober;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        NodeProbeEndpoint endpoint = new NodeProbeEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        if (PerMonitor.isKindStep(remaining)) {
            return endpoint; // a kind's defaults: checked with each monitor's settings over them
        }
        // bad settings fail the route at start-up; the warm-up runs while the other routes are built
        ProbeWarmUp.startInBackground(endpoint.request());
        return endpoint;
    }

    /** The prober bound in the registry (all node kinds), else this process only. */
    synchronized NodeProber prober() {
        if (prober == null) {
            prober = getCamelContext().getRegistry().findSingleByType(NodeProber.class);
            if (prober == null) {
                prober = new LocalProber(new HttpProbe());
            }
        }
        return prober;
    }
}
