package io.bactrian.probe.kafka;

import java.util.Map;

import io.bactrian.endpoint.PerMonitor;
import io.bactrian.endpoint.VerbatimComponent;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;

/**
 * {@code kafka-lag:<label>?thresholds=*: lag > 1000&alertStatuses=STALL,STOP,REWIND}: computes lag,
 * lag in seconds and status from an {@link OffsetSnapshot} body, judges them against the
 * thresholds, and gives a check result whose detail is the {@link LagReport}.
 */
@Component("kafka-lag")
public class KafkaLagComponent extends VerbatimComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        KafkaLagEndpoint endpoint = new KafkaLagEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        if (PerMonitor.isKindStep(remaining)) {
            return endpoint; // a kind's defaults: checked with each monitor's settings over them
        }
        endpoint.tracker(); // bad settings fail the route at start-up
        return endpoint;
    }
}
