package io.bactrian.channel.aliyunsms;

import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.bactrian.channel.Delivery;
import io.bactrian.channel.HttpPoster;
import io.bactrian.channel.Json;
import io.bactrian.channel.PercentEncoding;
import io.bactrian.channel.SendContext;
import io.bactrian.channel.SmsSink;

/**
 * Alibaba Cloud SMS {@code SendSms} 2017-05-25, signed with RPC v1.0 as a GET, the form of the
 * published SMS example.
 */
public final class AliyunSmsSink extends SmsSink {
    public static final String DEFAULT_BASE_URL = "https://dysmsapi.aliyuncs.com";
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /**
     * @param phoneNumbers   at most 1000
     * @param templateParams which of monitor, state, detail the template uses; the names are the
     *                       template's ${variables}
     * @param maxParamChars  longest variable value
     */
    public record Settings(String accessKeyId, String accessKeySecret, String signName, String templateCode,
                           List<String> phoneNumbers, List<String> templateParams, int maxParamChars) {
        @Override
        public String toString() {
            return "AliyunSms[template " + templateCode + ", " + phoneNumbers.size() + " numbers, credentials hidden]";
        }
    }

    private final String baseUrl;
    private final Settings settings;
    private final AliyunRpcSigner signer;
    private final Supplier<String> nonce;

    public AliyunSmsSink(String baseUrl, Settings settings, SendContext context) {
        this(baseUrl, settings, context, () -> UUID.randomUUID().toString());
    }

    /** @param nonce SignatureNonce: unique per request, or the service rejects a replay */
    public AliyunSmsSink(String baseUrl, Settings settings, SendContext context, Supplier<String> nonce) {
        super(settings.maxParamChars(), context);
        this.baseUrl = baseUrl;
        this.settings = settings;
        this.signer = new AliyunRpcSigner(settings.accessKeySecret());
        this.nonce = nonce;
    }

    @Override
    protected Delivery post(Map<String, String> values) {
        Map<String, String> templateParam = new LinkedHashMap<>();
        settings.templateParams().forEach(name -> templateParam.put(name, values.get(name)));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccessKeyId", settings.accessKeyId());
        params.put("Action", "SendSms");
        params.put("Format", "JSON");
        params.put("PhoneNumbers", String.join(",", settings.phoneNumbers()));
        params.put("RegionId", "cn-hangzhou");
        params.put("SignName", settings.signName());
        params.put("SignatureMethod", "HMAC-SHA1");
        params.put("SignatureNonce", nonce.get());
        params.put("SignatureVersion", "1.0");
        params.put("TemplateCode", settings.templateCode());
        params.put("TemplateParam", Json.write(templateParam));
        params.put("Timestamp", TIMESTAMP.format(context().clock().instant()));
        params.put("Version", "2017-05-25");
        URI uri = URI.create(baseUrl + "/?Signature=" + PercentEncoding.encode(signer.sign("GET", params)) + "&"
                + AliyunRpcSigner.canonicalQuery(params));
        return context().poster().send("GET", uri, Map.of(), null, AliyunSmsSink::judge,
                List.of(settings.accessKeySecret(), settings.accessKeyId()));
    }

    /** Gateway errors (bad signature, unknown key) come as 4xx with the same JSON shape. */
    private static Delivery judge(HttpPoster.Reply reply) {
        JsonNode body = Json.read(reply.body());
        String code = body.path("Code").asText("");
        if ("OK".equals(code)) {
            return Delivery.delivered();
        }
        if (code.isEmpty()) {
            return Delivery.permanent("HTTP " + reply.status() + " without Code");
        }
        String reason = code + ": " + body.path("Message").asText();
        // day and month limits do not lift within any retry horizon
        return code.equals("isv.BUSINESS_LIMIT_CONTROL") || code.startsWith("Throttling")
                || code.equals("ServiceUnavailable") || code.startsWith("InternalError")
                ? Delivery.retry(reason) : Delivery.permanent(reason);
    }

    @Override
    public String toString() {
        return "AliyunSmsSink[" + URI.create(baseUrl).getHost() + ", " + settings + "]";
    }
}
