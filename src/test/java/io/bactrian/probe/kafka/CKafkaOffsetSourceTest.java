package io.bactrian.probe.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bactrian.core.Tc3Signer;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * CKafka's DescribeGroupOffsets against a local stand-in of the cloud API: signed requests, topic
 * pages of 50, and the same lag report as the same offsets read from Kafka.
 */
class CKafkaOffsetSourceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T08:00:00Z"), ZoneOffset.UTC);
    static final String ID = "AKIDtestid";
    static final String KEY = "testkey-0123456789";

    /** 52 topics t00..t51 of one partition: offset 10*i, log end 10*i + i; t51 has no commit (-1). */
    static String page(JsonNode request) throws Exception {
        int from = request.path("Offset").asInt();
        int limit = request.path("Limit").asInt();
        List<Object> topics = new ArrayList<>();
        for (int i = from; i < Math.min(52, from + limit); i++) {
            long offset = i == 51 ? -1 : 10L * i;
            long end = 10L * i + i;
            topics.add(Map.of("Topic", String.format("t%02d", i), "Partitions", List.of(Map.of("Partition", 0,
                    "Offset", offset, "Metadata", "", "ErrorCode", 0, "LogEndOffset", end, "Lag", offset < 0 ? 0 : end - offset))));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("TotalCount", 52);
        result.put("TopicList", topics);
        return JSON.writeValueAsString(Map.of("Response", Map.of("Result", result, "RequestId", "r-1")));
    }

    @Test
    void pagesAreReadSignedAndGiveTheSameReportAsKafka() throws Exception {
        try (TestServer api = TestServer.http((request, out) ->
                TestServer.respond(out, 200, page(JSON.readTree(request.body())), "Content-Type: application/json"))) {
            CKafkaOffsetSource source = new CKafkaOffsetSource(api.url("/"), "ap-guangzhou", "ckafka-abc", ID, KEY,
                    Duration.ofSeconds(5), CLOCK);
            OffsetSnapshot snapshot = source.read(List.of("orders"));

            assertEquals(2, api.requests().size(), "52 topics in pages of 50");
            for (int i = 0; i < 2; i++) {
                TestServer.Request r = api.requests().get(i);
                JsonNode body = JSON.readTree(r.body());
                assertEquals("ckafka-abc", body.path("InstanceId").asText());
                assertEquals("orders", body.path("Group").asText());
                assertEquals(50 * i, body.path("Offset").asInt());
                assertEquals(50, body.path("Limit").asInt());
                assertEquals("DescribeGroupOffsets", r.headers().get("x-tc-action"));
                assertEquals("2019-08-19", r.headers().get("x-tc-version"));
                assertEquals("ap-guangzhou", r.headers().get("x-tc-region"));
                Map<String, String> signed = new LinkedHashMap<>();
                signed.put("Content-Type", r.headers().get("content-type"));
                signed.put("Host", r.headers().get("host"));
                signed.put("X-TC-Action", r.headers().get("x-tc-action"));
                String expected = new Tc3Signer(ID, KEY).sign("ckafka", "POST", "", signed, r.body(),
                        Long.parseLong(r.headers().get("x-tc-timestamp"))).authorization();
                assertEquals(expected, r.headers().get("authorization"));
                assertTrue(expected.startsWith("TC3-HMAC-SHA256 Credential=AKIDtestid/2025-03-01/ckafka/tc3_request"), expected);
                assertFalse(r.headers().toString().contains(KEY), "the secret key is never sent");
            }

            List<PartitionOffset> kafka = new ArrayList<>();
            for (int i = 0; i < 52; i++) {
                kafka.add(new PartitionOffset(String.format("t%02d", i), 0, i == 51 ? -1 : 10L * i, 10L * i + i, null));
            }
            LagReport fromCloud = tracker().evaluate(snapshot);
            LagReport fromKafka = tracker().evaluate(new OffsetSnapshot(snapshot.source(), snapshot.at(),
                    List.of(new GroupOffsets("orders", "-", kafka))));
            assertEquals(fromKafka, fromCloud);
            LagReport.GroupLag g = fromCloud.group("orders");
            assertEquals(52, g.topics().size());
            assertEquals(50 * 51 / 2, g.lag(), "0 + 1 + ... + 50; t51 has no commit");
            assertEquals(-1, g.topics().get(51).lag());
            assertEquals(50, g.maxPartitionLag());
            assertEquals(List.of("orders: lag 1275 > 1000"), fromCloud.problems());
        }
    }

    private static LagTracker tracker() {
        return new LagTracker(10, 3, 0, LagThresholds.parse("orders: lag > 1000"), Set.of(LagStatus.values()));
    }

    @Test
    void anApiErrorIsSaidWithoutTheSecret() throws Exception {
        String error = "{\"Response\":{\"Error\":{\"Code\":\"AuthFailure.SignatureFailure\",\"Message\":\"bad "
                + KEY + "\"},\"RequestId\":\"r-2\"}}";
        try (TestServer api = TestServer.answering(200, error, "Content-Type: application/json")) {
            CKafkaOffsetSource source = new CKafkaOffsetSource(api.url("/"), "ap-guangzhou", "ckafka-abc", ID, KEY,
                    Duration.ofSeconds(5), CLOCK);
            IOException e = assertThrows(IOException.class, () -> source.read(List.of("orders")));
            assertEquals("CKafka DescribeGroupOffsets for group 'orders': AuthFailure.SignatureFailure: bad ***", e.getMessage());
        }
    }
}
