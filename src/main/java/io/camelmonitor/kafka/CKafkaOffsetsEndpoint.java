package io.camelmonitor.kafka;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.camelmonitor.endpoint.PerMonitor;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.util.TimeUtils;

/** Reads the listed groups' offsets from CKafka's DescribeGroupOffsets. */
public class CKafkaOffsetsEndpoint extends DefaultEndpoint {
    private final String label;
    private String endpoint = "https://ckafka.tencentcloudapi.com";
    private String region;
    private String instanceId;
    private String groups;
    private String secretId;
    private String secretKey;
    private String timeout = "10s";

    CKafkaOffsetsEndpoint(String uri, CKafkaOffsetsComponent component, String label) {
        super(uri, component);
        this.label = label;
    }

    List<String> groupList() {
        GroupSelector selector = GroupSelector.of(groups, null, null);
        if (selector.lists()) {
            throw new IllegalArgumentException("groups is empty: CKafka's API reads named groups only");
        }
        return selector.groups();
    }

    @Override
    public Producer createProducer() throws Exception {
        return PerMonitor.producer(this, label, this::ownProducer);
    }

    private Producer ownProducer() {
        List<String> list = groupList();
        CKafkaOffsetSource source = new CKafkaOffsetSource(endpoint, region, instanceId, secretId, secretKey,
                Duration.ofMillis(TimeUtils.toMilliSeconds(timeout)), Clock.systemUTC());
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) throws Exception {
                try {
                    exchange.getMessage().setBody(source.read(list));
                } catch (IOException e) {
                    exchange.getMessage().setBody(OffsetsUnreadable.of(source.name(), e));
                }
            }
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("ckafka-offsets:" + label + " can only be sent to");
    }

    public String getLabel() {
        return label;
    }

    public String getEndpoint() {
        return endpoint;
    }

    /** The API's base URL; https://ckafka.tencentcloudapi.com. */
    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    public String getGroups() {
        return groups;
    }

    public void setGroups(String groups) {
        this.groups = groups;
    }

    public String getSecretId() {
        return secretId;
    }

    public void setSecretId(String secretId) {
        this.secretId = secretId;
    }

    public String getSecretKey() {
        return secretKey;
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    public String getTimeout() {
        return timeout;
    }

    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }
}
