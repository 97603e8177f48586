package io.bactrian.probe.speedtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bactrian.probe.FailureClass;
import io.bactrian.probe.ProbeRequest;
import io.bactrian.probe.ProbeResult;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;

/** Against a local server that answers as Globalping's documented measurement API does. */
class GlobalpingProberTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String FINISHED = """
            {"id":"m1","type":"http","status":"finished","target":"www.example.cn","probesCount":2,"results":[
              {"probe":{"continent":"AS","region":"Eastern Asia","country":"CN","state":null,"city":"Nanjing",
                        "asn":4134,"network":"China Telecom","tags":[]},
               "result":{"status":"finished","resolvedAddress":"203.0.113.7",
                         "headers":{"content-type":"text/html","set-cookie":["a=1","b=2"]},
                         "rawHeaders":"Content-Type: text/html","rawBody":"<p>你好</p>","truncated":false,
                         "statusCode":200,"statusCodeName":"OK",
                         "timings":{"total":163,"dns":3,"tcp":11,"tls":27,"firstByte":120,"download":2},
                         "tls":{"authorized":true,"createdAt":"2026-01-01T00:00:00.000Z",
                                "expiresAt":"2027-03-31T23:59:59.000Z"},
                         "rawOutput":"HTTP/1.1 200\\nContent-Type: text/html\\n\\n<p>你好</p>"}},
              {"probe":{"continent":"AS","country":"CN","city":"Shenyang","asn":4837,"network":"China Unicom"},
               "result":{"status":"failed","rawOutput":"connect ECONNREFUSED 203.0.113.7:443",
                         "statusCode":null,"timings":{}}}
            ]}
            """;

    static Node node(TestServer api, String token) {
        return new Node("gp", null, "", "", "", Node.Kind.GLOBALPING, "http://127.0.0.1:" + api.port(), token, null,
                "China", 2);
    }

    @Test
    void measurementIsCreatedPolledAndGivesARowPerProbe() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        try (TestServer api = TestServer.http((request, out) -> {
            if (request.method().equals("POST") && request.target().equals("/v1/measurements")) {
                TestServer.respond(out, 202, "{\"id\":\"m1\",\"probesCount\":2}", "Content-Type: application/json",
                        "Location: https://api.globalping.io/v1/measurements/m1");
            } else if (request.target().equals("/v1/measurements/m1")) {
                TestServer.respond(out, 200, polls.incrementAndGet() < 3
                        ? "{\"id\":\"m1\",\"type\":\"http\",\"status\":\"in-progress\",\"results\":[]}" : FINISHED,
                        "Content-Type: application/json");
            } else {
                TestServer.respond(out, 404, "{}");
            }
        })) {
            ProbeRequest request = ProbeRequest.builder("https://www.example.cn:8443/shop/list?page=2")
                    .method("HEAD").header("Accept-Language", "zh-CN").build();
            List<NodeResult> rows = new GlobalpingProber(Duration.ofMillis(20)).probe(node(api, "gp-token"), request);

            TestServer.Request create = api.requests().get(0);
            assertEquals("Bearer gp-token", create.headers().get("authorization"));
            assertEquals(JSON.readTree("""
                    {"type":"http","target":"www.example.cn","locations":[{"magic":"China"}],"limit":2,
                     "measurementOptions":{"protocol":"HTTPS","port":8443,
                       "request":{"method":"HEAD","path":"/shop/list","query":"page=2",
                                  "headers":{"Accept-Language":"zh-CN"}}}}
                    """), JSON.readTree(create.body()));
            assertEquals(3, polls.get());
            assertEquals("Bearer gp-token", api.requests().get(3).headers().get("authorization"));

            assertEquals(2, rows.size());
            assertEquals("Nanjing, CN [China Telecom]", rows.get(0).label());
            ProbeResult nanjing = rows.get(0).result();
            assertNull(nanjing.failure());
            assertEquals(200, nanjing.status());
            assertEquals("HTTP/1.1", nanjing.httpVersion());
            assertEquals("203.0.113.7", nanjing.ip());
            assertEquals(3, nanjing.dnsMs());
            assertEquals(11, nanjing.connectMs());
            assertEquals(27, nanjing.tlsMs());
            assertEquals(120, nanjing.ttfbMs());
            assertEquals(2, nanjing.downloadMs());
            assertEquals(163, nanjing.totalMs());
            assertEquals("<p>你好</p>", nanjing.body());
            assertEquals(13, nanjing.sizeBytes());
            assertEquals(List.of("a=1", "b=2"), nanjing.headers().get("set-cookie"));
            assertEquals(Instant.parse("2027-03-31T23:59:59Z"), nanjing.certNotAfter());

            assertEquals("Shenyang, CN [China Unicom]", rows.get(1).label());
            ProbeResult shenyang = rows.get(1).result();
            assertEquals(0, shenyang.status());
            assertEquals(FailureClass.CONNECTION_REFUSED, shenyang.failure().kind());
            assertEquals("connect", shenyang.failure().phase());
            assertEquals("Globalping probe failed: connect ECONNREFUSED 203.0.113.7:443", shenyang.failure().message());
        }
    }

    @Test
    void withoutTokenNoAuthorizationHeaderIsSent() throws Exception {
        try (TestServer api = TestServer.http((request, out) -> TestServer.respond(out, 429,
                "{\"error\":{\"type\":\"rate_limit_exceeded\",\"message\":\"API rate limit exceeded.\"}}",
                "Content-Type: application/json"))) {
            List<NodeResult> rows = new GlobalpingProber().probe(node(api, null), ProbeRequest.of("http://example.com/"));
            assertTrue(!api.requests().get(0).headers().containsKey("authorization"));
            assertEquals(1, rows.size());
            ProbeResult r = rows.get(0).result();
            assertEquals("node", r.failure().phase());
            assertEquals("Globalping rate limit reached (429): API rate limit exceeded.", r.failure().message());
        }
    }

    @Test
    void validationErrorIsAFailureRow() throws Exception {
        try (TestServer api = TestServer.http((request, out) -> TestServer.respond(out, 422,
                "{\"error\":{\"type\":\"no_probes_found\",\"message\":\"No suitable probes supporting HTTP found.\"}}",
                "Content-Type: application/json"))) {
            ProbeResult r = new GlobalpingProber().probe(node(api, "t"), ProbeRequest.of("http://example.com/"))
                    .get(0).result();
            assertEquals(FailureClass.PROTOCOL_ERROR, r.failure().kind());
            assertEquals("Globalping refused the measurement (422): No suitable probes supporting HTTP found.",
                    r.failure().message());
        }
    }

    @Test
    void requestBodyForPlainHttpHasDefaultPortAndRootPath() {
        JsonNode body = GlobalpingProber.measurement(
                new Node("gp", null, "", "", "", Node.Kind.GLOBALPING, "https://api.globalping.io", null, null, null, 1),
                ProbeRequest.of("http://example.com"));
        assertEquals("{\"type\":\"http\",\"target\":\"example.com\",\"limit\":1,\"measurementOptions\":"
                + "{\"protocol\":\"HTTP\",\"port\":80,\"request\":{\"method\":\"GET\",\"path\":\"/\"}}}", body.toString());
    }
}
