package io.bactrian.endpoint;

import java.time.Duration;

import io.bactrian.core.Durations;
import org.apache.camel.Component;
import org.apache.camel.spi.UriParam;

/** A step that checks a target within a time limit: a probe, a query, an offsets read. */
public abstract class CheckEndpoint extends StepEndpoint {
    @UriParam(description = "Time limit of one check: 10s, 2500ms, PT10S, or plain milliseconds; the default is"
            + " the kind's own", javaType = "java.time.Duration")
    private String timeout;

    /** {@code timeout}: the kind's default limit. */
    protected CheckEndpoint(String uri, Component component, String label, String timeout) {
        super(uri, component, label);
        this.timeout = timeout;
    }

    /** The time limit, checked. */
    public Duration timeout() {
        return Durations.positive("timeout", timeout);
    }

    public String getTimeout() {
        return timeout;
    }

    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }
}
