package io.bactrian.probe.http;

import java.time.Instant;
import java.util.Locale;

import io.bactrian.core.CheckResult;
import io.bactrian.monitor.Monitor;
import io.bactrian.probe.Failure;
import io.bactrian.probe.HttpProbe;
import io.bactrian.probe.ProbeEndpoint;
import io.bactrian.probe.ProbeRequest;
import io.bactrian.probe.ProbeResult;
import io.bactrian.probe.ProbeWarmUp;
import io.bactrian.probe.StatusExpectation;
import org.apache.camel.Category;
import org.apache.camel.Exchange;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;

/**
 * An HTTP check from this process. The body out is a {@link CheckResult} for the calling
 * route's monitor, whose detail is the {@link ProbeResult}.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "http-probe", title = "HTTP Probe", syntax = "http-probe:label",
        category = {Category.MONITORING, Category.HTTP}, producerOnly = true)
public class HttpProbeEndpoint extends ProbeEndpoint {
    @UriParam(description = "Accepted status codes: 200, 200,204, 200-299 or 2xx", defaultValue = "200")
    private String expectStatus = "200";
    private ProbeRequest request;
    private StatusExpectation expected;

    HttpProbeEndpoint(String uri, HttpProbeComponent component, String label) {
        super(uri, component, label);
    }

    @Override
    public ProbeRequest request() {
        StatusExpectation.parse(expectStatus);
        return super.request();
    }

    @Override
    protected void checkSettings() {
        // the warm-up runs while the other routes are built
        ProbeWarmUp.startInBackground(request());
    }

    @Override
    protected void prepare() {
        request = request();
        expected = StatusExpectation.parse(expectStatus);
    }

    @Override
    protected void check(Exchange exchange) {
        HttpProbe probe = ((HttpProbeComponent) getComponent()).probe();
        exchange.getMessage().setBody(judge(Monitor.idOf(exchange), probe.probe(request)));
    }

    private CheckResult judge(String monitor, ProbeResult r) {
        String target = getUrl().trim();
        String timing = String.format(Locale.ROOT, "%.1f ms", r.totalMs());
        if (!r.completed()) {
            Failure f = r.failure();
            return new CheckResult(monitor, target, Instant.now(), false, f.kind().label(), f.message(),
                    f.kind().label() + " in " + f.phase() + ": " + f.message(), r);
        }
        if (!expected.accepts(r.status())) {
            String reason = "HTTP " + r.status() + " (expected " + expected + ")";
            return new CheckResult(monitor, target, Instant.now(), false, "unexpected status", reason,
                    reason + " in " + timing, r);
        }
        return new CheckResult(monitor, target, Instant.now(), true, null, null, "HTTP " + r.status() + " in " + timing, r);
    }

    public String getExpectStatus() {
        return expectStatus;
    }

    public void setExpectStatus(String expectStatus) {
        this.expectStatus = expectStatus;
    }
}
