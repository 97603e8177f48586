package io.bactrian.probe.kafka;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

import io.bactrian.endpoint.CheckEndpoint;
import org.apache.camel.Category;
import org.apache.camel.Exchange;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;

/** Reads the listed groups' offsets from CKafka's DescribeGroupOffsets. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "ckafka-offsets", title = "CKafka Offsets", syntax = "ckafka-offsets:label",
        category = {Category.MONITORING, Category.MESSAGING, Category.CLOUD}, producerOnly = true)
public class CKafkaOffsetsEndpoint extends CheckEndpoint {
    @UriParam(description = "The API's base URL", defaultValue = "https://ckafka.tencentcloudapi.com")
    private String endpoint = "https://ckafka.tencentcloudapi.com";
    @UriParam(description = "The instance's region, e.g. ap-guangzhou")
    @Metadata(required = true)
    private String region;
    @UriParam(description = "The CKafka instance, ckafka-...")
    @Metadata(required = true)
    private String instanceId;
    @UriParam(description = "Group ids to watch, comma separated")
    @Metadata(required = true)
    private String groups;
    @UriParam(description = "The Tencent Cloud API key's SecretId", secret = true)
    @Metadata(required = true)
    private String secretId;
    @UriParam(description = "The Tencent Cloud API key's SecretKey", secret = true)
    @Metadata(required = true)
    private String secretKey;
    private List<String> list;
    private CKafkaOffsetSource source;

    CKafkaOffsetsEndpoint(String uri, CKafkaOffsetsComponent component, String label) {
        super(uri, component, label, "10s");
    }

    List<String> groupList() {
        GroupSelector selector = GroupSelector.of(groups, null, null);
        if (selector.lists()) {
            throw new IllegalArgumentException("groups is empty: CKafka's API reads named groups only");
        }
        return selector.groups();
    }

    /** The groups are named even in a kind's defaults: CKafka's API reads named groups only. */
    @Override
    protected void checkDefaults() {
        groupList();
    }

    @Override
    protected void checkSettings() {
        groupList();
    }

    @Override
    protected void prepare() {
        list = groupList();
        source = new CKafkaOffsetSource(endpoint, region, instanceId, secretId, secretKey, timeout(), Clock.systemUTC());
    }

    @Override
    protected void check(Exchange exchange) throws Exception {
        try {
            exchange.getMessage().setBody(source.read(list));
        } catch (IOException e) {
            exchange.getMessage().setBody(OffsetsUnreadable.of(source.name(), e));
        }
    }

    public String getEndpoint() {
        return endpoint;
    }

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

}
