package io.bactrian.channel.aliyunsms;

import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.bactrian.channel.PercentEncoding;
import io.bactrian.core.Digests;

/** Alibaba Cloud RPC signature v1.0 (HMAC-SHA1), as the SMS API still accepts it. */
public final class AliyunRpcSigner {
    private final String accessKeySecret;

    public AliyunRpcSigner(String accessKeySecret) {
        this.accessKeySecret = accessKeySecret;
    }

    /** All parameters but Signature, sorted by name byte-wise, each name and value percent-encoded. */
    public static String canonicalQuery(Map<String, String> params) {
        return new TreeMap<>(params).entrySet().stream()
                .map(p -> PercentEncoding.encode(p.getKey()) + "=" + PercentEncoding.encode(p.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** The method is signed too, so a GET signature does not fit a POST. */
    public static String stringToSign(String method, Map<String, String> params) {
        return method + "&" + PercentEncoding.encode("/") + "&" + PercentEncoding.encode(canonicalQuery(params));
    }

    /** The Signature parameter, before it is percent-encoded into the query. */
    public String sign(String method, Map<String, String> params) {
        return Base64.getEncoder().encodeToString(
                Digests.hmac("HmacSHA1", Digests.utf8(accessKeySecret + "&"), stringToSign(method, params)));
    }

    @Override
    public String toString() {
        return "AliyunRpcSigner[secret hidden]";
    }
}
