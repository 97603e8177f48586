package io.bactrian.probe.metrics;

import java.util.Map;

import io.bactrian.endpoint.PerMonitor;
import io.bactrian.endpoint.VerbatimComponent;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;

/**
 * {@code metric-check:<label>?thresholds=node_load1 > 4}: judges the Prometheus text that an
 * {@code http-probe} step fetched (node_exporter's {@code /metrics}, any exporter) against the
 * thresholds; the check result's detail is a {@link MetricReport}.
 */
@Component("metric-check")
public class MetricCheckComponent extends VerbatimComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        MetricCheckEndpoint endpoint = new MetricCheckEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        if (PerMonitor.isKindStep(remaining)) {
            return endpoint; // a kind's defaults: checked with each monitor's settings over them
        }
        endpoint.rules(); // bad thresholds fail the route at start-up
        return endpoint;
    }
}
