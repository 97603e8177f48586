package io.bactrian.channel;

import io.bactrian.channel.dingtalk.DingTalkSigner;
import io.bactrian.channel.feishu.FeishuSigner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** V12 (DingTalk) and V13 (Feishu): every published vector, from the published vector file. */
class WebhookSignersTest {

    private static JsonNode vectors(String channel) throws IOException {
        try (InputStream in = WebhookSignersTest.class.getResourceAsStream("/channel/webhook-sign-vectors.json")) {
            return new ObjectMapper().readTree(in).get(channel);
        }
    }

    @Test
    void dingTalkV12() throws IOException {
        JsonNode cases = vectors("dingtalk");
        assertEquals(3, cases.size());
        for (JsonNode v : cases) {
            long timestamp = Long.parseLong(v.get("timestamp").asText());
            String secret = v.get("secret").asText();
            assertEquals(v.get("base64").asText(), DingTalkSigner.base64(secret, timestamp));
            assertEquals(v.get("urlencoded").asText(), DingTalkSigner.sign(secret, timestamp));
            assertEquals(v.get("query").asText(), DingTalkSigner.query(secret, timestamp));
        }
    }

    @Test
    void dingTalkV12AsPrinted() {
        assertEquals("ZeaJlNY30xUaF%2Fp%2BhFzRR5gZ4qFj%2Bi4uxCJUEwchUXQ%3D", DingTalkSigner.sign(
                "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 1700000000004L));
    }

    @Test
    void feishuV13() throws IOException {
        JsonNode cases = vectors("feishu");
        assertEquals(3, cases.size());
        for (JsonNode v : cases) {
            assertEquals(v.get("sign").asText(),
                    FeishuSigner.sign(v.get("secret").asText(), Long.parseLong(v.get("timestamp").asText())));
        }
    }

    @Test
    void feishuV13AsPrinted() {
        assertEquals("/LzrD51pvCwTXutgNY18QJtsMycnKAs6P3HGyTPEXZ0=", FeishuSigner.sign("SEC示例密钥", 1700000000L));
    }
}
