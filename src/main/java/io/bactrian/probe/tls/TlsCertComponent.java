package io.bactrian.probe.tls;

import java.nio.file.Path;

import io.bactrian.endpoint.StepEndpoint;
import io.bactrian.endpoint.VerbatimComponent;
import org.apache.camel.spi.annotations.Component;

/**
 * {@code tls-cert:<label>?host=www.example.com&warnDays=30,14,7}: fetches a server's certificate
 * chain and judges its expiry, trust and host name; warns once at each warning day.
 */
@Component("tls-cert")
public class TlsCertComponent extends VerbatimComponent {
    private CertWarnings warnings;

    @Override
    protected StepEndpoint newEndpoint(String uri, String label) {
        return new TlsCertEndpoint(uri, this, label);
    }

    synchronized CertWarnings warnings() {
        if (warnings == null) {
            String dataDir = getCamelContext().resolvePropertyPlaceholders("{{bactrian.data-dir:data}}");
            warnings = new CertWarnings(Path.of(dataDir, "tls-cert"));
        }
        return warnings;
    }
}
