package io.bactrian.endpoint;

import org.apache.camel.Component;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

/**
 * A step of a monitor's route that is only sent to: its label (the monitor, or {@code monitor}
 * in a kind's route) is here, and one producer per monitor in a kind's route; a kind says what
 * {@link #check} does with the body.
 */
public abstract class StepEndpoint extends DefaultEndpoint {
    @UriPath(description = "The monitor's name; monitor in a kind's route, whose parameters are then the defaults"
            + " of every monitor of the kind")
    @Metadata(required = true)
    private final String label;

    protected StepEndpoint(String uri, Component component, String label) {
        super(uri, component);
        this.label = label;
    }

    /**
     * Checks the settings when the endpoint is made, so that bad ones fail the route at start-up
     * with the setting named, not at the first check.
     */
    protected void checkSettings() throws Exception {
    }

    /**
     * The check of a kind's step, whose parameters are defaults that each monitor's settings
     * complete: none, unless the defaults alone can be wrong.
     */
    protected void checkDefaults() throws Exception {
    }

    /** Reads and checks the settings once, before the first check; bad ones fail with the setting named. */
    protected void prepare() throws Exception {
    }

    /** One check: the body in is what the step before gave, the body out the result. */
    protected abstract void check(Exchange exchange) throws Exception;

    /** Opens what the checks share (pools, clients) when the producer starts; closed by {@link #closeShared}. */
    protected void openShared() throws Exception {
    }

    protected void closeShared() {
    }

    @Override
    public Producer createProducer() throws Exception {
        return PerMonitor.producer(this, label, () -> {
            prepare();
            return new DefaultProducer(this) {
                @Override
                protected void doStart() throws Exception {
                    super.doStart();
                    openShared();
                }

                @Override
                protected void doStop() throws Exception {
                    closeShared();
                    super.doStop();
                }

                @Override
                public void process(Exchange exchange) throws Exception {
                    check(exchange);
                }
            };
        });
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException(getEndpointBaseUri() + " can only be sent to");
    }

    public String getLabel() {
        return label;
    }
}
