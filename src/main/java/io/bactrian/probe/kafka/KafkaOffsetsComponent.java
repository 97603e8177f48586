package io.bactrian.probe.kafka;

import java.util.Map;

import io.bactrian.core.MissingSetting;
import io.bactrian.endpoint.PerMonitor;
import io.bactrian.endpoint.StepComponent;
import org.apache.camel.Endpoint;
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
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        KafkaOffsetsEndpoint endpoint = new KafkaOffsetsEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        endpoint.selector(); // bad settings fail the route at start-up
        endpoint.timeout();
        endpoint.readsCommitTimes();
        String servers = endpoint.getBootstrapServers();
        if (!PerMonitor.isKindStep(remaining) && (servers == null || servers.isBlank())) {
            throw new MissingSetting("bootstrapServers"); // a kind's default may be empty: each monitor names its own
        }
        return endpoint;
    }
}
