package io.bactrian.probe.http;

import io.bactrian.endpoint.StepEndpoint;
import io.bactrian.endpoint.VerbatimComponent;
import io.bactrian.probe.HttpProbe;
import org.apache.camel.spi.annotations.Component;

/**
 * {@code http-probe:<monitor>?url=...&expectStatus=2xx&timeout=2500}: one HTTP request on a
 * fresh connection with per-phase timings, judged against the expected status.
 */
@Component("http-probe")
public class HttpProbeComponent extends VerbatimComponent {
    private final HttpProbe probe = new HttpProbe();

    @Override
    protected StepEndpoint newEndpoint(String uri, String label) {
        return new HttpProbeEndpoint(uri, this, label);
    }

    HttpProbe probe() {
        return probe;
    }
}
