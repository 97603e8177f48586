package io.bactrian.probe.speedtest;

import io.bactrian.endpoint.StepEndpoint;
import io.bactrian.endpoint.VerbatimComponent;
import org.apache.camel.spi.annotations.Component;

/**
 * {@code speed-check:<label>?expectStatus=2xx&thresholds=totalMs < 2000&quorum=nodes>=2}: judges
 * every node's row and decides, by quorum, whether the monitor is up.
 */
@Component("speed-check")
public class SpeedCheckComponent extends VerbatimComponent {

    @Override
    protected StepEndpoint newEndpoint(String uri, String label) {
        return new SpeedCheckEndpoint(uri, this, label);
    }
}
