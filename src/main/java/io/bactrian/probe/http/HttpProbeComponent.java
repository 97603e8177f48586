package io.bactrian.probe.http;

import java.util.Map;

import io.bactrian.endpoint.PerMonitor;
import io.bactrian.endpoint.VerbatimComponent;
import io.bactrian.probe.HttpProbe;
import io.bactrian.probe.ProbeWarmUp;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;

/**
 * {@code http-probe:<monitor>?url=...&expectStatus=2xx&timeout=2500}: one HTTP request on a
 * fresh connection with per-phase timings, judged against the expected status.
 */
@Component("http-probe")
public class HttpProbeComponent extends VerbatimComponent {
    private final HttpProbe probe = new HttpProbe();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        HttpProbeEndpoint endpoint = new HttpProbeEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        if (PerMonitor.isKindStep(remaining)) {
            return endpoint; // a kind's defaults: checked with each monitor's settings over them
        }
        // bad settings fail the route at start-up; the warm-up runs while the other routes are built
        ProbeWarmUp.startInBackground(endpoint.request());
        return endpoint;
    }

    HttpProbe probe() {
        return probe;
    }
}
