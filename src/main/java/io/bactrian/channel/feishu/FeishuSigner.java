package io.bactrian.channel.feishu;

import java.util.Base64;

import io.bactrian.core.Digests;

/**
 * Feishu/Lark custom bot 签名校验. Unlike DingTalk, "timestamp\nsecret" is the HMAC key and the
 * message is empty; the timestamp is in seconds and the result goes into the JSON body as is.
 */
public final class FeishuSigner {
    private FeishuSigner() {
    }

    public static String sign(String secret, long timestampSeconds) {
        return Base64.getEncoder().encodeToString(
                Digests.hmacSha256(Digests.utf8(timestampSeconds + "\n" + secret), ""));
    }
}
