package io.camelmonitor.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import io.camelmonitor.endpoint.PerMonitor;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.util.TimeUtils;

/**
 * Reads offsets from a Kafka cluster. Client settings (SASL, TLS, ...) are every property whose
 * key starts with {@code clientPropertiesPrefix}, prefix removed:
 * {@code kafka.properties.security.protocol = SASL_SSL} becomes {@code security.protocol}.
 */
public class KafkaOffsetsEndpoint extends DefaultEndpoint {
    private final String label;
    private String bootstrapServers;
    private String groups;
    private String include;
    private String exclude;
    private String clientPropertiesPrefix = "kafka.properties.";
    private String timeout = "10s";
    private String commitTimes = "true";

    KafkaOffsetsEndpoint(String uri, KafkaOffsetsComponent component, String label) {
        super(uri, component);
        this.label = label;
    }

    GroupSelector selector() {
        return GroupSelector.of(groups, include, exclude);
    }

    Duration timeout() {
        long ms = TimeUtils.toMilliSeconds(timeout);
        if (ms <= 0) {
            throw new IllegalArgumentException("timeout must be positive, got '" + timeout + "'");
        }
        return Duration.ofMillis(ms);
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

    @Override
    public Producer createProducer() throws Exception {
        return PerMonitor.producer(this, label, this::ownProducer);
    }

    private Producer ownProducer() {
        GroupSelector selector = selector();
        Duration limit = timeout();
        boolean withCommitTimes = readsCommitTimes();
        return new DefaultProducer(this) {
            private AdminOffsetSource source;
            private CommitLog commits;

            @Override
            protected void doStart() {
                Map<String, Object> client = clientProperties(getCamelContext(), clientPropertiesPrefix);
                source = new AdminOffsetSource(bootstrapServers, client, limit);
                commits = withCommitTimes ? new CommitLog(bootstrapServers, client, limit, selector::matches) : null;
            }

            @Override
            protected void doStop() {
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
            public void process(Exchange exchange) throws Exception {
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
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("kafka-offsets:" + label + " can only be sent to");
    }

    public String getLabel() {
        return label;
    }

    public String getBootstrapServers() {
        return bootstrapServers;
    }

    /** host:port,host:port of the cluster. */
    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public String getGroups() {
        return groups;
    }

    /** Group ids to watch, comma separated; empty: every group matching include and not exclude. */
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

    public String getTimeout() {
        return timeout;
    }

    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }

    public String getCommitTimes() {
        return commitTimes;
    }

    /** Whether commit times are read from __consumer_offsets (true) or STALL/STOP go by group membership. */
    public void setCommitTimes(String commitTimes) {
        this.commitTimes = commitTimes;
    }
}
