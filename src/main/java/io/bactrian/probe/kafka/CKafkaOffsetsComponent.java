package io.bactrian.probe.kafka;

import java.util.Map;

import io.bactrian.endpoint.StepComponent;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;

/**
 * {@code ckafka-offsets:<label>?instanceId=ckafka-xxx&region=ap-guangzhou&groups=orders&secretId=...&secretKey=...}:
 * offsets of a Tencent Cloud CKafka instance from its cloud API; the body out is an
 * {@link OffsetSnapshot}, as from {@code kafka-offsets:}, for {@code kafka-lag:}.
 */
@Component("ckafka-offsets")
public class CKafkaOffsetsComponent extends StepComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        CKafkaOffsetsEndpoint endpoint = new CKafkaOffsetsEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        endpoint.groupList();
        return endpoint;
    }
}
