package io.camelmonitor.channel;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.camelmonitor.alert.AlertEvent;

/**
 * WeCom (企业微信) group robot: a markdown message. The robot has no signature, so the key in
 * the URL is the credential.
 */
public final class WeComSink implements GroupingSink {
    public static final String DEFAULT_BASE_URL = "https://qyapi.weixin.qq.com";
    /** The documented markdown limit, in UTF-8 bytes. */
    static final int MAX_CONTENT_BYTES = 4096;
    // 45009 is WeCom's generic frequency code; the robot allows 20 messages a minute
    private static final Map<Long, Duration> RETRYABLE = Map.of(45009L, Duration.ofMinutes(1));

    private final URI uri;
    private final String key;
    private final SendContext context;

    public WeComSink(String baseUrl, String key, SendContext context) {
        this.uri = URI.create(baseUrl + "/cgi-bin/webhook/send?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
        this.key = key;
        this.context = context;
    }

    @Override
    public Delivery send(AlertEvent event) {
        return post(context.text().markdown(event, "**"));
    }

    @Override
    public Delivery send(List<AlertEvent> events) {
        return post(context.text().groupMarkdown(events, "**", MAX_CONTENT_BYTES));
    }

    private Delivery post(String markdown) {
        String content = TextLimits.utf8Bytes(markdown, MAX_CONTENT_BYTES);
        String body = Json.write(Map.of("msgtype", "markdown", "markdown", Map.of("content", content)));
        return context.poster().send("POST", uri, Map.of("Content-Type", "application/json"), body,
                reply -> CodeAnswer.judge(reply, Json.read(reply.body()), "errcode", "errmsg", RETRYABLE),
                List.of(key));
    }

    @Override
    public String toString() {
        return "WeComSink[" + uri.getHost() + "]";
    }
}
