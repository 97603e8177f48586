package io.bactrian.channel;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bactrian.alert.AlertEvent;
import io.bactrian.alert.AlertKind;
import io.bactrian.core.CheckResult;

/**
 * Alerts, a fixed clock, and the tests' own implementations of the documented MACs, so a
 * request's signature is checked by code that is not the code under test.
 */
public final class ChannelFixtures {
    public static final Instant NOW = Instant.parse("2024-05-01T02:03:04Z");
    public static final Instant DOWN_SINCE = NOW.minusSeconds(125);
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    public static final String REASON = "HTTP 500 (expected 200)";

    private ChannelFixtures() {
    }

    public static SendContext context() {
        return new SendContext(new HttpPoster(Duration.ofSeconds(1), Duration.ofSeconds(2)), AlertText.chinese(),
                CLOCK);
    }

    public static AlertEvent down() {
        return event(AlertKind.DOWN, REASON);
    }

    public static AlertEvent resolved() {
        return event(AlertKind.RESOLVED, null);
    }

    public static AlertEvent event(AlertKind kind, String reason) {
        String target = "https://shop.example.com/health";
        return new AlertEvent(kind, "web-1", target, NOW, DOWN_SINCE, reason == null ? null : "unexpected status",
                reason, new CheckResult("web-1", target, NOW, reason == null, null, reason, "", null));
    }

    /**
     * An alert of a monitor down for 90 s at {@code at} ("HTTP 503 (expected 200)"; a RESOLVED
     * has no reason), checking {@code target}.
     */
    public static AlertEvent alert(AlertKind kind, String monitor, String target, Instant at) {
        String reason = kind == AlertKind.RESOLVED ? null : "HTTP 503 (expected 200)";
        return new AlertEvent(kind, monitor, target, at, at.minusSeconds(90), "unexpected status", reason,
                new CheckResult(monitor, "https://" + monitor + ".example/", at, reason == null, null, reason, "", null));
    }

    public static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    /** Query parameters of a request target, decoded. */
    public static Map<String, String> query(String target) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = target.substring(target.indexOf('?') + 1);
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    public static byte[] mac(String algorithm, byte[] key, String message) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key, algorithm));
        return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] hmacSha256(String key, String message) throws Exception {
        return mac("HmacSHA256", key.getBytes(StandardCharsets.UTF_8), message);
    }

    public static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    public static void assertNoSecret(Object shown, String... secrets) {
        for (String secret : secrets) {
            assertFalse(String.valueOf(shown).contains(secret), () -> "secret shown in: " + shown);
        }
    }
}
