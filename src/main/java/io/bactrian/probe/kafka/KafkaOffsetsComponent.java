package io.bactrian.probe.kafka;

import io.bactrian.endpoint.StepComponent;
import io.bactrian.endpoint.StepEndpoint;
import org.apache.camel.spi.annotations.Component;

/**
 * {@code kafka-offsets:<label>?bootstrapServers=...&groups=orders,billing}: reads the watched
 * groups' committed and log-end offsets, and when each partition was last committed (from
 * {@code __consumer_offsets}, unless {@code commitTimes=false}); the body out is an
 * {@link OffsetSnapshot}.
 */
@Component("kafka-offsets")
public class KafkaOffsetsComponent extends StepComponent {

    @Override
    protected StepEndpoint newEndpoint(String uri, String label) {
        return new KafkaOffsetsEndpoint(uri, this, label);
    }
}
