package io.bactrian.channel.tencentsms;

import static io.bactrian.channel.ChannelFixtures.assertNoSecret;
import static io.bactrian.channel.ChannelFixtures.context;
import static io.bactrian.channel.ChannelFixtures.down;
import static io.bactrian.channel.ChannelFixtures.hex;
import static io.bactrian.channel.ChannelFixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import io.bactrian.alert.AlertEvent;
import io.bactrian.alert.AlertKind;
import io.bactrian.channel.AlertText;
import io.bactrian.channel.ChannelFixtures;
import io.bactrian.channel.Delivery;
import io.bactrian.channel.HttpPoster;
import io.bactrian.channel.SendContext;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;

class TencentSmsSinkTest {
    private static final String SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
    private static final String SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
    private static final TencentSmsSink.Settings SETTINGS = new TencentSmsSink.Settings(SECRET_ID, SECRET_KEY,
            "ap-guangzhou", "1400006666", "腾讯云", "1110", List.of("+8618501234444", "+8618501234445"),
            List.of("monitor", "state", "detail"), 12);
    private static final String OK = "{\"Response\":{\"SendStatusSet\":["
            + status("+8618501234444", "Ok") + "," + status("+8618501234445", "Ok")
            + "],\"RequestId\":\"a0aabda6-cf91-4f3e-a81f-9198114a2279\"}}";

    private static String status(String number, String code) {
        return "{\"SerialNo\":\"5000:1045710669157053657849499619\",\"PhoneNumber\":\"" + number + "\",\"Fee\":1,"
                + "\"SessionContext\":\"\",\"Code\":\"" + code + "\",\"Message\":\"send success\",\"IsoCode\":\"CN\"}";
    }

    private static Delivery send(TestServer server) {
        return new TencentSmsSink(server.url(""), SETTINGS, context()).send(down());
    }

    private static String sha256(String text) throws Exception {
        return hex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(byte[] key, String text) throws Exception {
        return ChannelFixtures.mac("HmacSHA256", key, text);
    }

    @Test
    void signedSendSms() throws Exception {
        try (TestServer server = TestServer.answering(200, OK)) {
            assertEquals(Delivery.delivered(), send(server));
            TestServer.Request request = server.requests().get(0);
            assertEquals("POST", request.method());
            assertEquals("/", request.target());
            assertEquals("application/json; charset=utf-8", request.headers().get("content-type"));
            assertEquals("SendSms", request.headers().get("x-tc-action"));
            assertEquals("2021-01-11", request.headers().get("x-tc-version"));
            assertEquals("ap-guangzhou", request.headers().get("x-tc-region"));
            assertEquals("1714528984", request.headers().get("x-tc-timestamp"));

            JsonNode body = json(request.body());
            assertEquals("+8618501234444", body.get("PhoneNumberSet").get(0).asText());
            assertEquals("1400006666", body.get("SmsSdkAppId").asText());
            assertEquals("腾讯云", body.get("SignName").asText());
            assertEquals("1110", body.get("TemplateId").asText());
            assertEquals(List.of("web-1", "告警", "HTTP 500 (e…"),
                    List.of(body.get("TemplateParamSet").get(0).asText(), body.get("TemplateParamSet").get(1).asText(),
                            body.get("TemplateParamSet").get(2).asText()));

            // TC3 as documented, over what the server received
            String canonical = "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:"
                    + request.headers().get("host") + "\nx-tc-action:sendsms\n\ncontent-type;host;x-tc-action\n"
                    + sha256(request.body());
            String stringToSign = "TC3-HMAC-SHA256\n1714528984\n2024-05-01/sms/tc3_request\n" + sha256(canonical);
            byte[] key = hmac(hmac(hmac(("TC3" + SECRET_KEY).getBytes(StandardCharsets.UTF_8), "2024-05-01"), "sms"),
                    "tc3_request");
            assertEquals("TC3-HMAC-SHA256 Credential=" + SECRET_ID + "/2024-05-01/sms/tc3_request, "
                    + "SignedHeaders=content-type;host;x-tc-action, Signature=" + hex(hmac(key, stringToSign)),
                    request.headers().get("authorization"));
        }
    }

    @Test
    void requestLimitIsRetried() throws Exception {
        try (TestServer server = TestServer.answering(200, "{\"Response\":{\"Error\":{\"Code\":\"RequestLimitExceeded\","
                + "\"Message\":\"too many\"},\"RequestId\":\"r\"}}")) {
            assertEquals(Delivery.retry("RequestLimitExceeded"), send(server));
        }
    }

    @Test
    void badSignatureIsPermanent() throws Exception {
        try (TestServer server = TestServer.answering(200, "{\"Response\":{\"Error\":{\"Code\":\"AuthFailure.SignatureFailure\","
                + "\"Message\":\"The provided credentials could not be validated. Please check your signature is correct.\"},"
                + "\"RequestId\":\"ed93f3cb-f35e-473f-b9f3-0d451b8b79c6\"}}")) {
            Delivery delivery = send(server);
            assertEquals(Delivery.Outcome.PERMANENT, delivery.outcome());
            assertTrue(delivery.reason().startsWith("AuthFailure.SignatureFailure"));
            assertNoSecret(delivery, SECRET_KEY, SECRET_ID);
            assertNoSecret(new TencentSmsSink(server.url(""), SETTINGS, context()), SECRET_KEY, SECRET_ID);
            assertNoSecret(SETTINGS, SECRET_KEY, SECRET_ID);
        }
    }

    @Test
    void templateMismatchPerNumberIsPermanent() throws Exception {
        String code = "FailedOperation.TemplateParamSetNotMatchApprovedTemplate";
        try (TestServer server = TestServer.answering(200, "{\"Response\":{\"SendStatusSet\":["
                + status("+8618501234444", code) + "," + status("+8618501234445", code) + "],\"RequestId\":\"r\"}}")) {
            assertEquals(Delivery.permanent("2 of 2 numbers failed: " + code + ", " + code), send(server));
        }
    }

    @Test
    void throttledNumbersAreRetriedOnlyWhenNoneGotIt() throws Exception {
        String limit = "LimitExceeded.PhoneNumberThirtySecondLimit";
        try (TestServer server = TestServer.answering(200, "{\"Response\":{\"SendStatusSet\":["
                + status("+8618501234444", limit) + "," + status("+8618501234445", limit) + "],\"RequestId\":\"r\"}}")) {
            assertEquals(Delivery.Outcome.RETRY, send(server).outcome());
        }
        try (TestServer server = TestServer.answering(200, "{\"Response\":{\"SendStatusSet\":["
                + status("+8618501234444", "Ok") + "," + status("+8618501234445", limit) + "],\"RequestId\":\"r\"}}")) {
            assertEquals(Delivery.permanent("1 of 2 numbers failed: " + limit), send(server));
        }
    }

    /** The template variables of what one send of {@code events} posted. */
    private static List<String> params(SendContext context, List<AlertEvent> events) throws Exception {
        try (TestServer server = TestServer.answering(200, OK)) {
            TencentSmsSink sink = new TencentSmsSink(server.url(""), SETTINGS, context);
            assertEquals(Delivery.delivered(), events.size() == 1 ? sink.send(events.get(0)) : sink.send(events));
            List<String> params = new java.util.ArrayList<>();
            json(server.requests().get(0).body()).get("TemplateParamSet").forEach(p -> params.add(p.asText()));
            params.forEach(p -> assertTrue(p.codePointCount(0, p.length()) <= 12, "within 12 characters: " + p));
            return params;
        }
    }

    private static AlertEvent alert(AlertKind kind, String monitor) {
        return ChannelFixtures.alert(kind, monitor, "https://" + monitor + ".example/", ChannelFixtures.NOW);
    }

    @Test
    void eachKindHasItsWord() throws Exception {
        assertEquals(List.of("shop", "告警", "HTTP 503 (e…"), params(context(), List.of(alert(AlertKind.DOWN, "shop"))));
        assertEquals(List.of("shop", "持续告警", "HTTP 503 (e…"),
                params(context(), List.of(alert(AlertKind.REMINDER, "shop"))));
        assertEquals(List.of("shop", "恢复", "1分30秒"), params(context(), List.of(alert(AlertKind.RESOLVED, "shop"))));
        SendContext english = new SendContext(HttpPoster.defaults(), new AlertText(Locale.ENGLISH, ZoneOffset.UTC),
                ChannelFixtures.CLOCK);
        assertEquals(List.of("shop", "STILL DOWN", "HTTP 503 (e…"),
                params(english, List.of(alert(AlertKind.REMINDER, "shop"))));
    }

    @Test
    void aGroupSaysWhatEachMonitorCameTo() throws Exception {
        // still down, then back up, in one group: the phone reads that it recovered
        assertEquals(List.of("shop", "恢复", "1分30秒"),
                params(context(), List.of(alert(AlertKind.REMINDER, "shop"), alert(AlertKind.RESOLVED, "shop"))));
        // several monitors: how many of each kind, names in the same order, cut visibly
        assertEquals(List.of("3个监控", "2告警1恢复", "shop,api,bl…"), params(context(), List.of(
                alert(AlertKind.DOWN, "shop"), alert(AlertKind.RESOLVED, "blog"), alert(AlertKind.DOWN, "api"))));
        assertEquals(List.of("2个监控", "恢复", "shop,blog"), params(context(), List.of(
                alert(AlertKind.DOWN, "shop"), alert(AlertKind.RESOLVED, "shop"), alert(AlertKind.RESOLVED, "blog"))));
        // news does not hide that the monitor recovered
        assertEquals(List.of("shop", "恢复", "1分30秒"),
                params(context(), List.of(alert(AlertKind.RESOLVED, "shop"), alert(AlertKind.NOTICE, "shop"))));
    }
}
