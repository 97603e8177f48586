package io.bactrian.channel.dingtalk;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.bactrian.alert.AlertEvent;
import io.bactrian.channel.CodeAnswer;
import io.bactrian.channel.Delivery;
import io.bactrian.channel.GroupingSink;
import io.bactrian.channel.Json;
import io.bactrian.channel.SendContext;

/** DingTalk (钉钉) custom robot: a markdown message, signed when the robot has a 加签 secret. */
public final class DingTalkSink implements GroupingSink {
    public static final String DEFAULT_BASE_URL = "https://oapi.dingtalk.com";
    // 130101: over 20 a minute; the robot is then throttled for 10 minutes
    private static final Map<Long, Duration> RETRYABLE = Map.of(130101L, Duration.ofMinutes(10));

    /** DingTalk publishes no size limit; a grouped message is cut as WeCom's is, well under any. */
    static final int MAX_GROUP_BYTES = 4096;

    private final String baseUrl;
    private final String accessToken;
    private final String secret;
    private final List<String> atMobiles;
    private final SendContext context;

    /**
     * @param secret    the SEC... secret, or null for a robot that uses keywords or an IP list instead
     * @param atMobiles mobile numbers to @-mention; may be empty
     */
    public DingTalkSink(String baseUrl, String accessToken, String secret, List<String> atMobiles,
                        SendContext context) {
        this.baseUrl = baseUrl;
        this.accessToken = accessToken;
        this.secret = secret;
        this.atMobiles = List.copyOf(atMobiles);
        this.context = context;
    }

    @Override
    public Delivery send(AlertEvent event) {
        return post(context.text().title(event), context.text().markdown(event, "**"));
    }

    @Override
    public Delivery send(List<AlertEvent> events) {
        return post(context.text().groupTitle(events), context.text().groupMarkdown(events, "**", MAX_GROUP_BYTES));
    }

    private Delivery post(String title, String markdown) {
        String url = baseUrl + "/robot/send?access_token=" + URLEncoder.encode(accessToken, StandardCharsets.UTF_8);
        if (secret != null) {
            url += DingTalkSigner.query(secret, context.clock().millis());
        }
        // a mention only highlights when the @number also appears in the text
        StringBuilder text = new StringBuilder(markdown.replace("\n", "\n\n"));
        if (!atMobiles.isEmpty()) {
            text.append("\n\n");
            atMobiles.forEach(mobile -> text.append('@').append(mobile).append(' '));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("msgtype", "markdown");
        body.put("markdown", Map.of("title", title, "text", text.toString().trim()));
        body.put("at", Map.of("atMobiles", atMobiles, "isAtAll", false));
        List<String> secrets = new ArrayList<>(List.of(accessToken));
        if (secret != null) {
            secrets.add(secret);
        }
        return context.poster().send("POST", URI.create(url),
                Map.of("Content-Type", "application/json;charset=utf-8"), Json.write(body),
                reply -> CodeAnswer.judge(reply, Json.read(reply.body()), "errcode", "errmsg", RETRYABLE), secrets);
    }

    @Override
    public String toString() {
        return "DingTalkSink[" + URI.create(baseUrl).getHost() + (secret == null ? "" : ", signed") + "]";
    }
}
