package io.bactrian.probe.dns;

import java.util.Map;

import io.bactrian.endpoint.PerMonitor;
import io.bactrian.endpoint.VerbatimComponent;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;

/**
 * {@code dns-probe:<label>?name=www.example.com&type=A&server=1.1.1.1&expect=93.184.215.14}: asks
 * one DNS server directly and judges its answer against the expected records and the time limit.
 */
@Component("dns-probe")
public class DnsProbeComponent extends VerbatimComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        DnsProbeEndpoint endpoint = new DnsProbeEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        if (PerMonitor.isKindStep(remaining)) {
            return endpoint; // a kind's defaults: checked with each monitor's settings over them
        }
        endpoint.server(); // bad settings fail the route at start-up
        return endpoint;
    }
}
