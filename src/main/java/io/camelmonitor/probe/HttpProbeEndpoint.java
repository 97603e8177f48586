package io.camelmonitor.probe;

import java.time.Instant;
import java.util.Locale;

import io.camelmonitor.alert.CheckResult;
import io.camelmonitor.endpoint.PerMonitor;
import io.camelmonitor.monitor.Monitor;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultProducer;

/**
 * An HTTP check from this process. The body out is a {@link CheckResult} for the calling
 * route's monitor, whose detail is the {@link ProbeResult}.
 */
public class HttpProbeEndpoint extends ProbeEndpoint {
    private String expectStatus = "200";

    HttpProbeEndpoint(String uri, HttpProbeComponent component, String label) {
        super(uri, component, label);
    }

    @Override
    public ProbeRequest request() {
        StatusExpectation.parse(expectStatus);
        return super.request();
    }

    @Override
    public Producer createProducer() throws Exception {
        return PerMonitor.producer(this, getLabel(), this::ownProducer);
    }

    private Producer ownProducer() {
        ProbeRequest request = request();
        StatusExpectation expected = StatusExpectation.parse(expectStatus);
        HttpProbe probe = ((HttpProbeComponent) getComponent()).probe();
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) {
                exchange.getMessage().setBody(judge(Monitor.idOf(exchange), probe.probe(request), expected));
            }
        };
    }

    private CheckResult judge(String monitor, ProbeResult r, StatusExpectation expected) {
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

    /** Accepted status codes: {@code 200}, {@code 200,204}, {@code 200-299}, {@code 2xx}. */
    public void setExpectStatus(String expectStatus) {
        this.expectStatus = expectStatus;
    }
}
