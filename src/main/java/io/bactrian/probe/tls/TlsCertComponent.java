package io.bactrian.probe.tls;

import java.nio.file.Path;
import java.util.Map;

import io.bactrian.endpoint.PerMonitor;
import io.bactrian.endpoint.VerbatimComponent;
import io.bactrian.probe.ProbeWarmUp;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;

/**
 * {@code tls-cert:<label>?host=www.example.com&warnDays=30,14,7}: fetches a server's certificate
 * chain and judges its expiry, trust and host name; warns once at each warning day.
 */
@Component("tls-cert")
public class TlsCertComponent extends VerbatimComponent {
    private CertWarnings warnings;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        TlsCertEndpoint endpoint = new TlsCertEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        if (PerMonitor.isKindStep(remaining)) {
            return endpoint; // a kind's defaults: checked with each monitor's settings over them
        }
        // bad settings, an unreadable trust store: the route fails at start-up; the JVM's own
        // trust store needs no check, and loading it would slow every start-up
        endpoint.warnDays();
        endpoint.settings();
        if (!endpoint.getTrustStore().isBlank()) {
            endpoint.trustManager();
        }
        endpoint.host();
        ProbeWarmUp.startInBackground(true); // while the other routes are built
        return endpoint;
    }

    synchronized CertWarnings warnings() {
        if (warnings == null) {
            String dataDir = getCamelContext().resolvePropertyPlaceholders("{{bactrian.data-dir:data}}");
            warnings = new CertWarnings(Path.of(dataDir, "tls-cert"));
        }
        return warnings;
    }
}
