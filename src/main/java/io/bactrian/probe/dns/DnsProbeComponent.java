package io.bactrian.probe.dns;

import io.bactrian.endpoint.StepEndpoint;
import io.bactrian.endpoint.VerbatimComponent;
import org.apache.camel.spi.annotations.Component;

/**
 * {@code dns-probe:<label>?name=www.example.com&type=A&server=1.1.1.1&expect=93.184.215.14}: asks
 * one DNS server directly and judges its answer against the expected records and the time limit.
 */
@Component("dns-probe")
public class DnsProbeComponent extends VerbatimComponent {

    @Override
    protected StepEndpoint newEndpoint(String uri, String label) {
        return new DnsProbeEndpoint(uri, this, label);
    }
}
