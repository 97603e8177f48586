package io.bactrian.channel.aliyunsms;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.bactrian.core.Digests;

/** Alibaba Cloud V3 signature, ACS3-HMAC-SHA256. */
public final class AliyunV3Signer {
    private static final String ALGORITHM = "ACS3-HMAC-SHA256";

    /**
     * Each step, and the payload hash the request must also carry as x-acs-content-sha256.
     */
    public record Signature(String contentSha256, String canonicalRequest, String stringToSign, String signature,
                            String authorization) {
    }

    private final String accessKeyId;
    private final String accessKeySecret;

    public AliyunV3Signer(String accessKeyId, String accessKeySecret) {
        this.accessKeyId = accessKeyId;
        this.accessKeySecret = accessKeySecret;
    }

    /**
     * @param query   API parameters sent in the query string
     * @param headers the request's headers; host, content-type and every x-acs-* one are signed,
     *                and x-acs-content-sha256 is added here
     */
    public Signature sign(String method, Map<String, String> query, Map<String, String> headers, String body) {
        String contentSha256 = Digests.sha256Hex(body);
        Map<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> {
            String lower = name.trim().toLowerCase(Locale.ROOT);
            if (lower.equals("host") || lower.equals("content-type") || lower.startsWith("x-acs-")) {
                signed.put(lower, value.trim());
            }
        });
        signed.put("x-acs-content-sha256", contentSha256);
        String signedHeaders = String.join(";", signed.keySet());
        String canonicalHeaders = signed.entrySet().stream().map(h -> h.getKey() + ":" + h.getValue() + "\n")
                .collect(Collectors.joining());
        String canonicalRequest = method + "\n/\n" + AliyunRpcSigner.canonicalQuery(query) + "\n" + canonicalHeaders
                + "\n" + signedHeaders + "\n" + contentSha256;
        String stringToSign = ALGORITHM + "\n" + Digests.sha256Hex(canonicalRequest);
        // unlike v1.0, the raw secret is the key: no trailing '&'
        String signature = Digests.hex(Digests.hmacSha256(Digests.utf8(accessKeySecret), stringToSign));
        String authorization = ALGORITHM + " Credential=" + accessKeyId + ",SignedHeaders=" + signedHeaders
                + ",Signature=" + signature;
        return new Signature(contentSha256, canonicalRequest, stringToSign, signature, authorization);
    }

    @Override
    public String toString() {
        return "AliyunV3Signer[credentials hidden]";
    }
}
