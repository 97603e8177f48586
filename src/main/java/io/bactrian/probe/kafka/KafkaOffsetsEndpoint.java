package io.bactrian.probe.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import io.bactrian.core.MissingSetting;
import io.bactrian.endpoint.CheckEndpoint;
import org.apache.camel.CamelContext;
import org.apache.camel.Category;
import org.apache.camel.Exchange;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;

/**
 * Reads offsets from a Kafka cluster. Client settings (SASL, TLS, ...) are every property whose
 * key starts with {@code clientPropertiesPrefix}, prefix removed:
 * {@code kafka.properties.security.protocol = SASL_SSL} becomes {@code security.protocol}.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "kafka-offsets", title = "Kafka Offsets", syntax = "kafka-offsets:label",
        category = {Category.MONITORING, Category.MESSAGING}, producerOnly = true)
public class KafkaOffsetsEndpoint extends CheckEndpoint {
    @UriParam(description = "host:port,host:port of the cluster")
    @Metadata(required = true)
    private String bootstrapServers;
    @UriParam(description = "Group ids to watch, comma separated; empty: every group matching include and not exclude")
    private String groups;
    @UriParam(description = "Regular expression of the group ids to watch when groups is empty")
    private String include;
    @UriParam(description = "Regular expression of the group ids not to watch")
    private String exclude;
    @UriParam(description = "Client settings (SASL, TLS) are the properties under this prefix, prefix removed",
            defaultValue = "kafka.properties.")
    private String clientPropertiesPrefix = "kafka.properties.";
    @UriParam(description = "Whether commit times are read from __consumer_offsets (true) or STALL/STOP go by group"
            + " membership (false)", defaultValue = "true", enums = "true,false")
    private String commitTimes = "true";
    private GroupSelector selector;
    private AdminOffsetSource source;
    private CommitLog commits;

    KafkaOffsetsEndpoint(String uri, KafkaOffsetsComponent component, String label) {
        super(uri, component, label, "10s");
    }

    GroupSelector selector() {
        return GroupSelector.of(groups, include, exclude);
    }

    boolean readsCommitTimes() {
        return switch (commitTimes == null ? "" : commitTimes.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("commitTimes must be true or false, got '" + commitTimes + "'");
        };
    }

    /** The client properties under the prefix, placeholders resolved. */
    static Map<String, Object> clientProperties(CamelContext context, String prefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (prefix == null || prefix.isBlank()) {
            return out;
        }
        Properties all = context.getPropertiesComponent().loadProperties(k -> k.startsWith(prefix));
        for (String key : all.stringPropertyNames()) {
            String value = context.resolvePropertyPlaceholders(all.getProperty(key));
            if (!key.equals(prefix) && value != null && !value.isBlank()) {
                out.put(key.substring(prefix.length()), value.strip());
            }
        }
        return out;
    }

    /** A kind's defaults may leave bootstrapServers empty: each monitor names its own. */
    @Override
    protected void checkDefaults() {
        selector();
        timeout();
        readsCommitTimes();
    }

    @Override
    protected void checkSettings() {
        checkDefaults();
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new MissingSetting("bootstrapServers");
        }
    }

    @Override
    protected void prepare() {
        selector = selector();
        timeout();
        readsCommitTimes();
    }

    @Override
    protected void openShared() {
        Map<String, Object> client = clientProperties(getCamelContext(), clientPropertiesPrefix);
        source = new AdminOffsetSource(bootstrapServers, client, timeout());
        commits = readsCommitTimes() ? new CommitLog(bootstrapServers, client, timeout(), selector::matches) : null;
    }

    @Override
    protected void closeShared() {
        if (source != null) {
            source.close();
            source = null;
        }
        if (commits != null) {
            commits.close();
            commits = null;
        }
    }

    @Override
    protected void check(Exchange exchange) {
        OffsetSnapshot snapshot;
        try {
            snapshot = source.read(selector);
        } catch (Exception e) {
            exchange.getMessage().setBody(OffsetsUnreadable.of(bootstrapServers, e));
            return;
        }
        // after the offsets: the commits read then include every commit those offsets show
        exchange.getMessage().setBody(commits == null ? snapshot : commits.stamp(snapshot));
    }

    public String getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public String getGroups() {
        return groups;
    }

    public void setGroups(String groups) {
        this.groups = groups;
    }

    public String getInclude() {
        return include;
    }

    public void setInclude(String include) {
        this.include = include;
    }

    public String getExclude() {
        return exclude;
    }

    public void setExclude(String exclude) {
        this.exclude = exclude;
    }

    public String getClientPropertiesPrefix() {
        return clientPropertiesPrefix;
    }

    public void setClientPropertiesPrefix(String clientPropertiesPrefix) {
        this.clientPropertiesPrefix = clientPropertiesPrefix;
    }

    public String getCommitTimes() {
        return commitTimes;
    }

    public void setCommitTimes(String commitTimes) {
        this.commitTimes = commitTimes;
    }
}
