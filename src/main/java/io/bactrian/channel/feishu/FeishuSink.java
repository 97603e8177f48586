package io.bactrian.channel.feishu;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.bactrian.alert.AlertEvent;
import io.bactrian.alert.AlertKind;
import io.bactrian.channel.CodeAnswer;
import io.bactrian.channel.Delivery;
import io.bactrian.channel.GroupingSink;
import io.bactrian.channel.HttpPoster;
import io.bactrian.channel.Json;
import io.bactrian.channel.SendContext;

/** Feishu/Lark custom bot: plain text or an interactive card, signed when the bot has a secret. */
public final class FeishuSink implements GroupingSink {
    public static final String DEFAULT_BASE_URL = "https://open.feishu.cn";
    /** Lark, the international edition. */
    public static final String LARK_BASE_URL = "https://open.larksuite.com";
    // 11232: the documented frequency limit (5 a second); 9499 "too many request" comes as HTTP 400
    private static final Map<Long, Duration> RETRYABLE = Map.of(11232L, Duration.ofSeconds(1),
            9499L, Duration.ofSeconds(1));

    /** The request body may hold 20 KB; the rest of the JSON fits in what a text of this size leaves. */
    static final int MAX_GROUP_BYTES = 18 * 1024;

    private final URI uri;
    private final String hookId;
    private final String secret;
    private final boolean card;
    private final SendContext context;

    /**
     * @param hookId the part of the bot's URL after /hook/
     * @param secret the signing secret, or null when signing is off
     * @param card   an interactive card with a coloured header instead of plain text
     */
    public FeishuSink(String baseUrl, String hookId, String secret, boolean card, SendContext context) {
        this.uri = URI.create(baseUrl + "/open-apis/bot/v2/hook/" + URLEncoder.encode(hookId, StandardCharsets.UTF_8));
        this.hookId = hookId;
        this.secret = secret;
        this.card = card;
        this.context = context;
    }

    @Override
    public Delivery send(AlertEvent event) {
        String facts = context.text().fit(context.text().markdown(event, "**"), MAX_GROUP_BYTES);
        return post(context.text().title(event), facts.substring(facts.indexOf('\n') + 1),
                context.text().fit(context.text().plain(event), MAX_GROUP_BYTES), colour(event.kind()));
    }

    @Override
    public Delivery send(List<AlertEvent> events) {
        String lines = context.text().groupMarkdown(events, "**", MAX_GROUP_BYTES);
        return post(context.text().groupTitle(events), lines.substring(lines.indexOf('\n') + 1).strip(),
                context.text().groupPlain(events, MAX_GROUP_BYTES),
                events.stream().map(e -> colour(e.kind())).reduce((a, b) -> a.equals(b) ? a : "red").orElse("red"));
    }

    /**
     * @param title    the card's header
     * @param markdown the card's content, below the header
     * @param plain    the whole text, when cards are off
     */
    private Delivery post(String title, String markdown, String plain, String colour) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (secret != null) {
            long timestamp = context.clock().instant().getEpochSecond();
            body.put("timestamp", Long.toString(timestamp)); // a string, as in the documented example
            body.put("sign", FeishuSigner.sign(secret, timestamp));
        }
        if (card) {
            body.put("msg_type", "interactive");
            body.put("card", card(title, markdown, colour));
        } else {
            body.put("msg_type", "text");
            body.put("content", Map.of("text", plain));
        }
        List<String> secrets = new ArrayList<>(List.of(hookId));
        if (secret != null) {
            secrets.add(secret);
        }
        return context.poster().send("POST", uri, Map.of("Content-Type", "application/json"), Json.write(body),
                FeishuSink::judge, secrets);
    }

    /** The header's colour: red while down, green when resolved, blue for news. */
    private static String colour(AlertKind kind) {
        return switch (kind) {
            case RESOLVED -> "green";
            case NOTICE -> "blue";
            default -> "red";
        };
    }

    private static Map<String, Object> card(String title, String markdown, String colour) {
        return Map.of(
                "header", Map.of("title", Map.of("tag", "plain_text", "content", title),
                        "template", colour),
                "elements", List.of(Map.of("tag", "div", "text", Map.of("tag", "lark_md", "content", markdown))));
    }

    /** Newer answers carry {@code code}, older ones only {@code StatusCode}. */
    private static Delivery judge(HttpPoster.Reply reply) {
        JsonNode body = Json.read(reply.body());
        return body.has("code")
                ? CodeAnswer.judge(reply, body, "code", "msg", RETRYABLE)
                : CodeAnswer.judge(reply, body, "StatusCode", "StatusMessage", RETRYABLE);
    }

    @Override
    public String toString() {
        return "FeishuSink[" + uri.getHost() + (secret == null ? "" : ", signed") + "]";
    }
}
