package io.bactrian.probe.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Properties;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** Security and other client settings pass through from kafka.properties.* with the prefix removed. */
class ClientPropertiesTest {

    @Test
    void prefixedPropertiesReachTheClient() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Properties initial = new Properties();
            initial.put("kafka.properties.security.protocol", "SASL_SSL");
            initial.put("kafka.properties.sasl.mechanism", "SCRAM-SHA-512");
            initial.put("kafka.properties.sasl.jaas.config", "{{jaas}}");
            initial.put("kafka.properties.ssl.truststore.location", " ");
            initial.put("jaas", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            initial.put("kafka.bootstrap-servers", "not a client property");
            context.getPropertiesComponent().setInitialProperties(initial);
            Properties override = new Properties();
            override.put("kafka.properties.client.id", "lag-monitor");
            context.getPropertiesComponent().setOverrideProperties(override);
            assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                            "client.id", "lag-monitor"),
                    KafkaOffsetsEndpoint.clientProperties(context, "kafka.properties."));
        }
    }

    @Test
    void regularExpressionsReachTheEndpointIntact() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            KafkaOffsetsEndpoint e = context.getEndpoint(
                    "kafka-offsets:x?bootstrapServers=127.0.0.1:9092&include=RAW((orders|billing)-[a-z]{2,})&exclude=RAW()"
                            + "&groups=", KafkaOffsetsEndpoint.class);
            assertEquals("(orders|billing)-[a-z]{2,}", e.getInclude());
            GroupSelector s = e.selector();
            assertEquals(true, s.matches("orders-eu"));
            assertEquals(false, s.matches("orders-1"));
            KafkaLagEndpoint lag = context.getEndpoint("kafka-lag:x?thresholds=RAW(*: lag > 10; a/b+c: seconds > 5)",
                    KafkaLagEndpoint.class);
            assertEquals("*: lag > 10; a/b+c: seconds > 5", lag.getThresholds());
        }
    }
}
