package io.bactrian.channel.wecom;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.bactrian.alert.AlertEvent;
import io.bactrian.channel.CodeAnswer;
import io.bactrian.channel.Delivery;
import io.bactrian.channel.GroupingSink;
import io.bactrian.channel.Json;
import io.bactrian.channel.Markup;
import io.bactrian.channel.NodeTable;
import io.bactrian.channel.SendContext;

/**
 * WeCom (企业微信) group robot: a markdown message. The robot has no signature, so the key in
 * the URL is the credential.
 */
public final class WeComSink implements GroupingSink {
    public static final String DEFAULT_BASE_URL = "https://qyapi.weixin.qq.com";
    /** The documented markdown and markdown_v2 limit, in UTF-8 bytes. */
    static final int MAX_CONTENT_BYTES = 4096;
    // 45009 is WeCom's generic frequency code; the robot allows 20 messages a minute
    private static final Map<Long, Duration> RETRYABLE = Map.of(45009L, Duration.ofMinutes(1));

    /**
     * The message type, and so how a message is marked up: {@code markdown_v2} renders tables
     * (not coloured text; clients before 4.1.36 show it as plain text) and, as standard
     * markdown, joins lines not parted by a blank line; {@code markdown} renders colours and
     * every line break but shows a table as raw text, so it gets one coloured line per row.
     */
    public enum Format {
        MARKDOWN_V2(new Markup("**", "\n\n", NodeTable::markdown)),
        MARKDOWN(new Markup("**", "\n", NodeTable::colouredLines));

        private final Markup markup;

        Format(Markup markup) {
            this.markup = markup;
        }

        /** The msgtype, also the value of {@code channel.wecom.format}. */
        public String msgtype() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The format named {@code msgtype}, {@code markdown_v2} or {@code markdown}. */
        public static Format of(String msgtype) {
            for (Format f : values()) {
                if (f.msgtype().equals(msgtype.strip())) {
                    return f;
                }
            }
            throw new IllegalArgumentException("'" + msgtype + "' is not a WeCom format; known: markdown_v2 "
                    + "(tables), markdown (coloured lines)");
        }
    }

    private final URI uri;
    private final String key;
    private final Format format;
    private final SendContext context;

    public WeComSink(String baseUrl, String key, SendContext context) {
        this(baseUrl, key, Format.MARKDOWN_V2, context);
    }

    public WeComSink(String baseUrl, String key, Format format, SendContext context) {
        this.uri = URI.create(baseUrl + "/cgi-bin/webhook/send?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
        this.key = key;
        this.format = format;
        this.context = context;
    }

    @Override
    public Delivery send(AlertEvent event) {
        return post(context.text().markdown(event, format.markup));
    }

    @Override
    public Delivery send(List<AlertEvent> events) {
        return post(context.text().groupMarkdown(events, format.markup, MAX_CONTENT_BYTES));
    }

    private Delivery post(String markdown) {
        String content = context.text().fit(markdown, MAX_CONTENT_BYTES);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("msgtype", format.msgtype());
        message.put(format.msgtype(), Map.of("content", content));
        String body = Json.write(message);
        return context.poster().send("POST", uri, Map.of("Content-Type", "application/json"), body,
                reply -> CodeAnswer.judge(reply, Json.read(reply.body()), "errcode", "errmsg", RETRYABLE),
                List.of(key));
    }

    @Override
    public String toString() {
        return "WeComSink[" + uri.getHost() + ", " + format.msgtype() + "]";
    }
}
