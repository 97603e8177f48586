package io.bactrian.channel.dingtalk;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.bactrian.core.Digests;

/**
 * DingTalk robot 加签: Base64(HmacSHA256(key = secret, message = timestamp + "\n" + secret)),
 * timestamp in milliseconds; the secret is used whole, "SEC" prefix included.
 */
public final class DingTalkSigner {
    private DingTalkSigner() {
    }

    /** The signature before URL encoding. */
    public static String base64(String secret, long timestampMillis) {
        return Base64.getEncoder().encodeToString(
                Digests.hmacSha256(Digests.utf8(secret), timestampMillis + "\n" + secret));
    }

    /** The {@code sign} query value, URL-encoded exactly once. */
    public static String sign(String secret, long timestampMillis) {
        return URLEncoder.encode(base64(secret, timestampMillis), StandardCharsets.UTF_8);
    }

    /** What to append to the robot URL: {@code &timestamp=...&sign=...}. */
    public static String query(String secret, long timestampMillis) {
        return "&timestamp=" + timestampMillis + "&sign=" + sign(secret, timestampMillis);
    }
}
