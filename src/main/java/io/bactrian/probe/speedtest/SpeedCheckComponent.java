package io.bactrian.probe.speedtest;

import java.util.Map;

import io.bactrian.endpoint.PerMonitor;
import io.bactrian.endpoint.VerbatimComponent;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;

/**
 * {@code speed-check:<label>?expectStatus=2xx&thresholds=totalMs < 2000&quorum=nodes>=2}: judges
 * every node's row and decides, by quorum, whether the monitor is up.
 */
@Component("speed-check")
public class SpeedCheckComponent extends VerbatimComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SpeedCheckEndpoint endpoint = new SpeedCheckEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        if (PerMonitor.isKindStep(remaining)) {
            return endpoint; // a kind's defaults: checked with each monitor's settings over them
        }
        endpoint.rules(); // bad settings fail the route at start-up
        return endpoint;
    }
}
