package io.bactrian.probe.kafka;

import io.bactrian.endpoint.StepComponent;
import io.bactrian.endpoint.StepEndpoint;
import org.apache.camel.spi.annotations.Component;

/**
 * {@code ckafka-offsets:<label>?instanceId=ckafka-xxx&region=ap-guangzhou&groups=orders&secretId=...&secretKey=...}:
 * offsets of a Tencent Cloud CKafka instance from its cloud API; the body out is an
 * {@link OffsetSnapshot}, as from {@code kafka-offsets:}, for {@code kafka-lag:}.
 */
@Component("ckafka-offsets")
public class CKafkaOffsetsComponent extends StepComponent {

    @Override
    protected StepEndpoint newEndpoint(String uri, String label) {
        return new CKafkaOffsetsEndpoint(uri, this, label);
    }
}
