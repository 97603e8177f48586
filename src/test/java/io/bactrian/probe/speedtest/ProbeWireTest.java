package io.bactrian.probe.speedtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.bactrian.probe.Failure;
import io.bactrian.probe.FailureClass;
import io.bactrian.probe.ProbeRequest;
import io.bactrian.probe.ProbeResult;
import org.junit.jupiter.api.Test;

/** The JSON of the probe API, as another implementation would have to write and read it. */
class ProbeWireTest {

    @Test
    void requestJson() {
        ProbeRequest request = ProbeRequest.builder("https://shop.example/cart?x=1").method("POST")
                .header("Content-Type", "application/json").body("{}").connectTimeout(Duration.ofMillis(800))
                .timeout(Duration.ofSeconds(3)).followRedirects(false).verifyTls(false).maxBodyBytes(4096).build();
        String json = ProbeWire.requestJson(request);
        assertEquals("{\"url\":\"https://shop.example/cart?x=1\",\"method\":\"POST\",\"headers\":{\"Content-Type\":"
                + "\"application/json\"},\"body\":\"{}\",\"connectTimeoutMs\":800,\"timeoutMs\":3000,"
                + "\"followRedirects\":false,\"maxRedirects\":10,\"verifyTls\":false,\"maxBodyBytes\":4096}", json);
        assertEquals(request, ProbeWire.request(json));
    }

    @Test
    void onlyTheUrlIsRequired() {
        assertEquals(ProbeRequest.of("http://example.com/"), ProbeWire.request("{\"url\":\"http://example.com/\"}"));
        assertEquals("url is missing",
                assertThrows(IllegalArgumentException.class, () -> ProbeWire.request("{}")).getMessage());
        assertEquals("body is not a JSON object",
                assertThrows(IllegalArgumentException.class, () -> ProbeWire.request("[1]")).getMessage());
    }

    @Test
    void resultJsonRoundTrips() {
        ProbeResult result = new ProbeResult(URI.create("https://shop.example/"), "203.0.113.7", 200, "HTTP/1.1",
                1.5, 2.25, 10, 120.125, 3, 140, 5, true, "hello", Map.of("Server", List.of("nginx")), 1,
                Instant.parse("2027-01-31T12:00:00Z"), null);
        String json = ProbeWire.resultJson(result);
        assertEquals("{\"url\":\"https://shop.example/\",\"ip\":\"203.0.113.7\",\"status\":200,\"httpVersion\":"
                + "\"HTTP/1.1\",\"dnsMs\":1.5,\"connectMs\":2.25,\"tlsMs\":10.0,\"ttfbMs\":120.125,\"downloadMs\":3.0,"
                + "\"totalMs\":140.0,\"sizeBytes\":5,\"bodyTruncated\":true,\"body\":\"hello\",\"headers\":{\"Server\":"
                + "[\"nginx\"]},\"redirects\":1,\"certNotAfter\":\"2027-01-31T12:00:00Z\",\"failure\":null}", json);
        assertEquals(result, ProbeWire.result(json));
    }

    @Test
    void failureRoundTrips() {
        ProbeResult result = new ProbeResult(URI.create("http://example.com/"), null, 0, null, 0, 0, 0, 0, 0, 12, 0,
                false, null, Map.of(), 0, null,
                new Failure(FailureClass.DNS_FAILURE, "dns", "no address for host example.com"));
        String json = ProbeWire.resultJson(result);
        assertEquals(true, json.endsWith("\"failure\":{\"kind\":\"DNS_FAILURE\",\"phase\":\"dns\","
                + "\"message\":\"no address for host example.com\"}}"), json);
        assertEquals(result, ProbeWire.result(json));
    }
}
