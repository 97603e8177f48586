package io.bactrian.probe.tcp;

import java.util.Map;

import io.bactrian.endpoint.PerMonitor;
import io.bactrian.endpoint.StepComponent;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;

/**
 * {@code tcp-port:<label>?host=db.example.com&port=5432&maxConnectMs=200}: opens one TCP
 * connection and judges whether it was accepted, and how fast.
 */
@Component("tcp-port")
public class TcpPortComponent extends StepComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        TcpPortEndpoint endpoint = new TcpPortEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        if (PerMonitor.isKindStep(remaining)) {
            return endpoint; // a kind's defaults: checked with each monitor's settings over them
        }
        endpoint.settings(); // bad settings fail the route at start-up
        return endpoint;
    }
}
