package io.bactrian.channel.tencentsms;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.bactrian.channel.Delivery;
import io.bactrian.channel.HttpPoster;
import io.bactrian.channel.Json;
import io.bactrian.channel.SendContext;
import io.bactrian.channel.SmsSink;
import io.bactrian.core.Tc3Signer;

/** Tencent Cloud SMS, API 3.0 {@code SendSms} 2021-01-11, TC3-signed, one approved template. */
public final class TencentSmsSink extends SmsSink {
    public static final String DEFAULT_BASE_URL = "https://sms.tencentcloudapi.com";
    private static final String CONTENT_TYPE = "application/json; charset=utf-8";

    /**
     * @param phoneNumbers   E.164, at most 200, all domestic or all international
     * @param templateParams which of monitor, state, detail fill the template's variables, in order
     * @param maxParamChars  longest variable: 12 for accounts that are not enterprise-verified
     */
    public record Settings(String secretId, String secretKey, String region, String sdkAppId, String signName,
                           String templateId, List<String> phoneNumbers, List<String> templateParams,
                           int maxParamChars) {
        @Override
        public String toString() {
            return "TencentSms[app " + sdkAppId + ", template " + templateId + ", " + phoneNumbers.size()
                    + " numbers, credentials hidden]";
        }
    }

    private final URI uri;
    private final Settings settings;
    private final Tc3Signer signer;

    public TencentSmsSink(String baseUrl, Settings settings, SendContext context) {
        super(settings.maxParamChars(), context);
        this.uri = URI.create(baseUrl + "/");
        this.settings = settings;
        this.signer = new Tc3Signer(settings.secretId(), settings.secretKey());
    }

    @Override
    protected Delivery post(Map<String, String> params) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("PhoneNumberSet", settings.phoneNumbers());
        request.put("SmsSdkAppId", settings.sdkAppId());
        request.put("SignName", settings.signName());
        request.put("TemplateId", settings.templateId());
        request.put("TemplateParamSet", settings.templateParams().stream().map(params::get).toList());
        String body = Json.write(request);
        long timestamp = context().clock().instant().getEpochSecond();
        // exactly these strings are sent and signed: the service compares them byte for byte
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("Content-Type", CONTENT_TYPE);
        signed.put("Host", uri.getAuthority());
        signed.put("X-TC-Action", "SendSms");
        String authorization = signer.sign("sms", "POST", "", signed, body, timestamp).authorization();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", CONTENT_TYPE);
        headers.put("X-TC-Action", "SendSms");
        headers.put("X-TC-Version", "2021-01-11");
        headers.put("X-TC-Region", settings.region());
        headers.put("X-TC-Timestamp", Long.toString(timestamp));
        headers.put("Authorization", authorization);
        return context().poster().send("POST", uri, headers, body, TencentSmsSink::judge,
                List.of(settings.secretKey(), settings.secretId()));
    }

    /** The call can fail as a whole (Response.Error) or number by number (SendStatusSet). */
    private static Delivery judge(HttpPoster.Reply reply) {
        JsonNode response = Json.read(reply.body()).path("Response");
        JsonNode error = response.path("Error");
        if (!error.isMissingNode()) {
            String code = error.path("Code").asText();
            return rateLimited(code) || code.startsWith("InternalError") ? Delivery.retry(code)
                    : Delivery.permanent(code + ": " + error.path("Message").asText());
        }
        JsonNode statuses = response.path("SendStatusSet");
        if (!statuses.isArray() || statuses.isEmpty()) {
            return Delivery.permanent("HTTP " + reply.status() + " without SendStatusSet");
        }
        List<String> failed = new ArrayList<>();
        statuses.forEach(s -> {
            if (!"Ok".equals(s.path("Code").asText())) {
                failed.add(s.path("Code").asText());
            }
        });
        if (failed.isEmpty()) {
            return Delivery.delivered();
        }
        String reason = failed.size() + " of " + statuses.size() + " numbers failed: " + String.join(", ", failed);
        // retrying would text again the numbers that got it: only when none did and all were throttled
        return failed.size() == statuses.size() && failed.stream().allMatch(TencentSmsSink::rateLimited)
                ? Delivery.retry(reason) : Delivery.permanent(reason);
    }

    private static boolean rateLimited(String code) {
        return code.startsWith("RequestLimitExceeded")
                || code.startsWith("LimitExceeded.") && !code.equals("LimitExceeded.PhoneNumberCountLimit");
    }

    @Override
    public String toString() {
        return "TencentSmsSink[" + uri.getHost() + ", " + settings + "]";
    }
}
