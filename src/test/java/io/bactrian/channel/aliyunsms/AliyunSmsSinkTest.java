package io.bactrian.channel.aliyunsms;

import static io.bactrian.channel.ChannelFixtures.assertNoSecret;
import static io.bactrian.channel.ChannelFixtures.base64;
import static io.bactrian.channel.ChannelFixtures.context;
import static io.bactrian.channel.ChannelFixtures.down;
import static io.bactrian.channel.ChannelFixtures.json;
import static io.bactrian.channel.ChannelFixtures.resolved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.bactrian.alert.AlertEvent;
import io.bactrian.alert.AlertKind;
import io.bactrian.channel.ChannelFixtures;
import io.bactrian.channel.Delivery;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;

class AliyunSmsSinkTest {
    private static final String KEY_ID = "testId";
    private static final String SECRET = "testSecret";
    private static final String NONCE = "45e25e9b-0a6f-4070-8c85-2956eda1b466";
    private static final AliyunSmsSink.Settings SETTINGS = new AliyunSmsSink.Settings(KEY_ID, SECRET, "阿里云短信测试专用",
            "SMS_71390007", List.of("15300000001", "15300000002"), List.of("monitor", "detail"), 20);

    private static Delivery send(TestServer server, AlertEvent event) {
        return new AliyunSmsSink(server.url(""), SETTINGS, context(), () -> NONCE).send(event);
    }

    /** The documented Java recipe for percentEncode. */
    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    @Test
    void signedGet() throws Exception {
        try (TestServer server = TestServer.answering(200, "{\"Code\":\"OK\",\"Message\":\"OK\","
                + "\"BizId\":\"9006197469364984^0\",\"RequestId\":\"F655A8D5-B967-440B-8683-DAD6FF8DE990\"}")) {
            assertEquals(Delivery.delivered(), send(server, down()));
            TestServer.Request request = server.requests().get(0);
            assertEquals("GET", request.method());
            assertTrue(request.target().startsWith("/?Signature="), request.target());
            Map<String, String> params = new TreeMap<>(ChannelFixtures.query(request.target()));
            String signature = params.remove("Signature");
            assertEquals(Map.ofEntries(Map.entry("AccessKeyId", KEY_ID), Map.entry("Action", "SendSms"),
                    Map.entry("Format", "JSON"), Map.entry("PhoneNumbers", "15300000001,15300000002"),
                    Map.entry("RegionId", "cn-hangzhou"), Map.entry("SignName", "阿里云短信测试专用"),
                    Map.entry("SignatureMethod", "HMAC-SHA1"), Map.entry("SignatureNonce", NONCE),
                    Map.entry("SignatureVersion", "1.0"), Map.entry("TemplateCode", "SMS_71390007"),
                    Map.entry("TemplateParam", "{\"monitor\":\"web-1\",\"detail\":\"HTTP 500 (expected …\"}"), // cut to 20 characters, visibly
                    Map.entry("Timestamp", "2024-05-01T02:03:04Z"), Map.entry("Version", "2017-05-25")), params);

            String canonical = params.entrySet().stream().map(p -> encode(p.getKey()) + "=" + encode(p.getValue()))
                    .collect(Collectors.joining("&"));
            String stringToSign = "GET&%2F&" + encode(canonical);
            assertEquals(base64(ChannelFixtures.mac("HmacSHA1", (SECRET + "&").getBytes(StandardCharsets.UTF_8),
                    stringToSign)), signature);
        }
    }

    @Test
    void resolvedTellsHowLongItWasDown() throws Exception {
        try (TestServer server = TestServer.answering(200, "{\"Code\":\"OK\",\"Message\":\"OK\"}")) {
            send(server, resolved());
            String param = ChannelFixtures.query(server.requests().get(0).target()).get("TemplateParam");
            assertEquals("2分5秒", json(param).get("detail").asText());
        }
    }

    @Test
    void flowControlIsRetried() throws Exception {
        try (TestServer server = TestServer.answering(200, "{\"Message\":\"触发天级流控Permits:10\","
                + "\"RequestId\":\"C0A0BE93-B44F-4350-BCC8-B677F78C3802\",\"Code\":\"isv.BUSINESS_LIMIT_CONTROL\"}")) {
            assertEquals(Delivery.Outcome.RETRY, send(server, down()).outcome());
        }
    }

    @Test
    void badSignatureIsPermanentAndShowsNoSecret() throws Exception {
        try (TestServer server = TestServer.answering(400, "{\"Code\":\"SignatureDoesNotMatch\",\"Message\":"
                + "\"Specified signature is not matched with our calculation. server string to sign is:GET&%2F&...\","
                + "\"RequestId\":\"r\"}")) {
            Delivery delivery = send(server, down());
            assertEquals(Delivery.Outcome.PERMANENT, delivery.outcome());
            assertTrue(delivery.reason().startsWith("SignatureDoesNotMatch"));
            assertNoSecret(delivery, SECRET);
            assertNoSecret(new AliyunSmsSink(server.url(""), SETTINGS, context()), SECRET);
        }
    }

    @Test
    void badTemplateIsPermanent() throws Exception {
        try (TestServer server = TestServer.answering(200,
                "{\"Code\":\"isv.SMS_TEMPLATE_ILLEGAL\",\"Message\":\"模板不合法\",\"RequestId\":\"r\"}")) {
            assertEquals(Delivery.Outcome.PERMANENT, send(server, down()).outcome());
        }
    }

    @Test
    void aGroupSaysWhatEachMonitorCameTo() throws Exception {
        AliyunSmsSink.Settings all = new AliyunSmsSink.Settings(KEY_ID, SECRET, "阿里云短信测试专用", "SMS_71390007",
                List.of("15300000001"), List.of("monitor", "state", "detail"), 20);
        try (TestServer server = TestServer.answering(200, "{\"Code\":\"OK\",\"Message\":\"OK\"}")) {
            AliyunSmsSink sink = new AliyunSmsSink(server.url(""), all, context(), () -> NONCE);
            sink.send(List.of(alert(AlertKind.REMINDER, "shop"), alert(AlertKind.RESOLVED, "shop")));
            sink.send(List.of(alert(AlertKind.REMINDER, "shop"), alert(AlertKind.RESOLVED, "blog")));
            assertEquals("{\"monitor\":\"shop\",\"state\":\"恢复\",\"detail\":\"1分30秒\"}",
                    ChannelFixtures.query(server.requests().get(0).target()).get("TemplateParam"));
            assertEquals("{\"monitor\":\"2个监控\",\"state\":\"1持续告警1恢复\",\"detail\":\"shop,blog\"}",
                    ChannelFixtures.query(server.requests().get(1).target()).get("TemplateParam"));
        }
    }

    private static AlertEvent alert(AlertKind kind, String monitor) {
        return ChannelFixtures.alert(kind, monitor, "https://" + monitor + ".example/", ChannelFixtures.NOW);
    }
}
