package io.bactrian.core;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Tencent Cloud API 3.0 signature, TC3-HMAC-SHA256. */
public final class Tc3Signer {
    private static final String ALGORITHM = "TC3-HMAC-SHA256";

    /** Each step of the chain, so each can be checked against the published examples. */
    public record Signature(String canonicalRequest, String stringToSign, String signature, String authorization) {
    }

    private final String secretId;
    private final String secretKey;

    public Tc3Signer(String secretId, String secretKey) {
        this.secretId = secretId;
        this.secretKey = secretKey;
    }

    /**
     * @param service   credential scope service, e.g. "sms"
     * @param query     the canonical query string: "" for POST
     * @param headers   the headers to sign (content-type and host at least); names and values
     *                  are lower-cased and trimmed here, as the algorithm says
     * @param payload   the exact body sent ("" for GET)
     * @param timestamp X-TC-Timestamp, unix seconds
     */
    public Signature sign(String service, String method, String query, Map<String, String> headers, String payload,
                          long timestamp) {
        Map<String, String> canonical = new TreeMap<>();
        headers.forEach((name, value) -> canonical.put(name.trim().toLowerCase(Locale.ROOT),
                value.trim().toLowerCase(Locale.ROOT)));
        String signedHeaders = String.join(";", canonical.keySet());
        String canonicalHeaders = canonical.entrySet().stream().map(h -> h.getKey() + ":" + h.getValue() + "\n")
                .collect(Collectors.joining());
        String canonicalRequest = method + "\n/\n" + query + "\n" + canonicalHeaders + "\n" + signedHeaders + "\n"
                + Digests.sha256Hex(payload);
        // the UTC date: in China the local date is a day later for eight hours of every day
        String date = Instant.ofEpochSecond(timestamp).atZone(ZoneOffset.UTC).toLocalDate().toString();
        String scope = date + "/" + service + "/tc3_request";
        String stringToSign = ALGORITHM + "\n" + timestamp + "\n" + scope + "\n" + Digests.sha256Hex(canonicalRequest);
        String signature = Digests.hex(Digests.hmacSha256(signingKey(date, service), stringToSign));
        String authorization = ALGORITHM + " Credential=" + secretId + "/" + scope + ", SignedHeaders="
                + signedHeaders + ", Signature=" + signature;
        return new Signature(canonicalRequest, stringToSign, signature, authorization);
    }

    /** SecretSigning: the key is derived per date and service, so a leaked one is narrow. */
    byte[] signingKey(String date, String service) {
        byte[] secretDate = Digests.hmacSha256(Digests.utf8("TC3" + secretKey), date);
        byte[] secretService = Digests.hmacSha256(secretDate, service);
        return Digests.hmacSha256(secretService, "tc3_request");
    }

    @Override
    public String toString() {
        return "Tc3Signer[credentials hidden]";
    }
}
