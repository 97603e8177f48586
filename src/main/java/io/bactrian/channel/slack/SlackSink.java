package io.bactrian.channel.slack;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.bactrian.alert.AlertEvent;
import io.bactrian.channel.Delivery;
import io.bactrian.channel.GroupingSink;
import io.bactrian.channel.Json;
import io.bactrian.channel.SendContext;

/**
 * Slack incoming webhook: Block Kit with a plain-text fallback. Slack answers "ok" or an error
 * code as plain text, with a non-2xx status on error.
 */
public final class SlackSink implements GroupingSink {
    public static final String DEFAULT_BASE_URL = "https://hooks.slack.com";

    /** A section's text holds 3000 characters; counting bytes stays within it. */
    static final int MAX_SECTION = 3000;

    private final URI uri;
    private final String path;
    private final SendContext context;

    /** @param path the webhook's path, /services/T.../B.../..., which is its credential */
    public SlackSink(String baseUrl, String path, SendContext context) {
        this.uri = URI.create(baseUrl + path);
        this.path = path;
        this.context = context;
    }

    @Override
    public Delivery send(AlertEvent event) {
        return post(context.text().title(event), context.text().fit(context.text().markdown(event, "*"), MAX_SECTION));
    }

    @Override
    public Delivery send(List<AlertEvent> events) {
        return post(context.text().groupTitle(events), context.text().groupMarkdown(events, "*", MAX_SECTION));
    }

    private Delivery post(String title, String markdown) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", title); // what notifications show
        body.put("blocks", List.of(Map.of("type", "section",
                "text", Map.of("type", "mrkdwn", "text", markdown))));
        // 429 with Retry-After is handled by the poster, like every 429
        return context.poster().send("POST", uri, Map.of("Content-Type", "application/json"), Json.write(body),
                reply -> reply.status() == 200 && "ok".equals(reply.body().trim()) ? Delivery.delivered()
                        : Delivery.permanent("HTTP " + reply.status() + ": " + reply.body().trim()),
                List.of(path, path.substring(path.lastIndexOf('/') + 1)));
    }

    @Override
    public String toString() {
        return "SlackSink[" + uri.getHost() + "]";
    }
}
