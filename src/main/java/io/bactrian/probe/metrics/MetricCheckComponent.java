package io.bactrian.probe.metrics;

import io.bactrian.endpoint.StepEndpoint;
import io.bactrian.endpoint.VerbatimComponent;
import org.apache.camel.spi.annotations.Component;

/**
 * {@code metric-check:<label>?thresholds=node_load1 > 4}: judges the Prometheus text that an
 * {@code http-probe} step fetched (node_exporter's {@code /metrics}, any exporter) against the
 * thresholds; the check result's detail is a {@link MetricReport}.
 */
@Component("metric-check")
public class MetricCheckComponent extends VerbatimComponent {

    @Override
    protected StepEndpoint newEndpoint(String uri, String label) {
        return new MetricCheckEndpoint(uri, this, label);
    }
}
