package io.bactrian.probe.kafka;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bactrian.core.Tc3Signer;

/**
 * Offsets of a Tencent Cloud CKafka instance through its cloud API: {@code DescribeGroupOffsets}
 * (version 2019-08-19, TC3-signed), which gives per partition the committed offset and the
 * log-end offset; lag is computed from those two as for any cluster. Topics come in pages of
 * 50. The API tells nothing of group members, so a stuck offset shows as STOP, never STALL.
 */
public final class CKafkaOffsetSource {
    static final String VERSION = "2019-08-19";
    static final String ACTION = "DescribeGroupOffsets";
    static final int PAGE = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String region;
    private final String instanceId;
    private final String secretId;
    private final String secretKey;
    private final Tc3Signer signer;
    private final Duration timeout;
    private final HttpClient client;
    private final Clock clock;

    public CKafkaOffsetSource(String endpoint, String region, String instanceId, String secretId, String secretKey,
                              Duration timeout, Clock clock) {
        for (Map.Entry<String, String> required : Map.of("region", nz(region), "instanceId", nz(instanceId),
                "secretId", nz(secretId), "secretKey", nz(secretKey)).entrySet()) {
            if (required.getValue().isBlank()) {
                throw new IllegalArgumentException(required.getKey() + " is not set");
            }
        }
        this.endpoint = URI.create(endpoint.endsWith("/") ? endpoint : endpoint + "/");
        this.region = region;
        this.instanceId = instanceId;
        this.secretId = secretId;
        this.secretKey = secretKey;
        this.signer = new Tc3Signer(secretId, secretKey);
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        this.clock = clock;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    public OffsetSnapshot read(List<String> groups) throws IOException, InterruptedException {
        List<GroupOffsets> result = new ArrayList<>();
        for (String group : groups) {
            List<PartitionOffset> partitions = new ArrayList<>();
            int offset = 0;
            while (true) {
                JsonNode page = call(group, offset);
                JsonNode topics = page.path("TopicList");
                for (JsonNode t : topics) {
                    for (JsonNode p : t.path("Partitions")) {
                        long committed = p.path("Offset").asLong(-1);
                        long logEnd = p.path("LogEndOffset").asLong(-1);
                        // a negative offset is "no commit", as Kafka's -1
                        partitions.add(new PartitionOffset(t.path("Topic").asText(), p.path("Partition").asInt(),
                                committed < 0 ? -1 : committed, logEnd < 0 ? -1 : logEnd, null));
                    }
                }
                offset += PAGE;
                if (topics.size() == 0 || offset >= page.path("TotalCount").asInt()) {
                    break;
                }
            }
            result.add(new GroupOffsets(group, "-", partitions));
        }
        return new OffsetSnapshot(name(), clock.instant(), result);
    }

    /** How reports name this source. */
    String name() {
        return "CKafka " + instanceId + " (" + region + ")";
    }

    private JsonNode call(String group, int offset) throws IOException, InterruptedException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("InstanceId", instanceId);
        request.put("Group", group);
        request.put("Offset", offset);
        request.put("Limit", PAGE);
        String body = JSON.writeValueAsString(request);
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("Content-Type", "application/json; charset=utf-8");
        signed.put("Host", endpoint.getAuthority());
        signed.put("X-TC-Action", ACTION);
        String authorization = signer.sign("ckafka", "POST", "", signed, body, timestamp).authorization();
        HttpRequest http = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("X-TC-Action", ACTION)
                .header("X-TC-Version", VERSION)
                .header("X-TC-Region", region)
                .header("X-TC-Timestamp", Long.toString(timestamp))
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = client.send(http, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode root;
        try {
            root = JSON.readTree(response.body()).path("Response");
        } catch (IOException e) {
            throw new IOException("CKafka " + ACTION + ": HTTP " + response.statusCode() + ", not JSON");
        }
        JsonNode error = root.path("Error");
        if (!error.isMissingNode()) {
            throw new IOException(redact("CKafka " + ACTION + " for group '" + group + "': " + error.path("Code").asText()
                    + ": " + error.path("Message").asText()));
        }
        if (response.statusCode() != 200 || root.path("Result").isMissingNode()) {
            throw new IOException("CKafka " + ACTION + ": HTTP " + response.statusCode() + " without Result");
        }
        return root.path("Result");
    }

    private String redact(String text) {
        return text.replace(secretKey, "***").replace(secretId, "***");
    }

    @Override
    public String toString() {
        return "CKafkaOffsetSource[" + instanceId + ", " + region + ", credentials hidden]";
    }
}
