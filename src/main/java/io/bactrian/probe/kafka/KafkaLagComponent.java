package io.bactrian.probe.kafka;

import io.bactrian.endpoint.StepEndpoint;
import io.bactrian.endpoint.VerbatimComponent;
import org.apache.camel.spi.annotations.Component;

/**
 * {@code kafka-lag:<label>?thresholds=*: lag > 1000&alertStatuses=STALL,STOP,REWIND}: computes lag,
 * lag in seconds and status from an {@link OffsetSnapshot} body, judges them against the
 * thresholds, and gives a check result whose detail is the {@link LagReport}.
 */
@Component("kafka-lag")
public class KafkaLagComponent extends VerbatimComponent {

    @Override
    protected StepEndpoint newEndpoint(String uri, String label) {
        return new KafkaLagEndpoint(uri, this, label);
    }
}
