package io.bactrian.probe.speedtest;

import io.bactrian.endpoint.StepEndpoint;
import io.bactrian.endpoint.VerbatimComponent;
import io.bactrian.probe.HttpProbe;
import org.apache.camel.spi.annotations.Component;

/**
 * {@code node-probe:<label>?url=...&timeout=2500}: runs one HTTP probe from the node in the
 * body; the body out is that node's rows. Each node's probe is bounded by its own timeout.
 */
@Component("node-probe")
public class NodeProbeComponent extends VerbatimComponent {
    private NodeProber prober;

    @Override
    protected StepEndpoint newEndpoint(String uri, String label) {
        return new NodeProbeEndpoint(uri, this, label);
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
