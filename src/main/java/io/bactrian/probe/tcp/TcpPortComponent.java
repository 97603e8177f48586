package io.bactrian.probe.tcp;

import io.bactrian.endpoint.StepComponent;
import io.bactrian.endpoint.StepEndpoint;
import org.apache.camel.spi.annotations.Component;

/**
 * {@code tcp-port:<label>?host=db.example.com&port=5432&maxConnectMs=200}: opens one TCP
 * connection and judges whether it was accepted, and how fast.
 */
@Component("tcp-port")
public class TcpPortComponent extends StepComponent {

    @Override
    protected StepEndpoint newEndpoint(String uri, String label) {
        return new TcpPortEndpoint(uri, this, label);
    }
}
