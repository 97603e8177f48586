package io.bactrian.channel.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.bactrian.alert.AlertEvent;
import io.bactrian.alert.AlertKind;
import io.bactrian.channel.AlertSink;
import io.bactrian.channel.Delivery;
import io.bactrian.channel.Json;
import io.bactrian.channel.SendContext;
import io.bactrian.core.Digests;

/**
 * Any HTTP receiver: a JSON body from the user's template, with optional static headers and an
 * optional HMAC-SHA256 signature. 2xx is success; other 4xx are not retried.
 */
public final class WebhookSink implements AlertSink {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z]+)}");
    static final Set<String> PLACEHOLDERS = Set.of("monitor", "target", "kind", "alertname", "status", "failureClass",
            "reason", "title", "text", "at", "startsAt", "endsAt", "downSince", "downForSeconds");
    /** The Alertmanager webhook v4 shape, so receivers written for Alertmanager work unchanged. */
    public static final String DEFAULT_TEMPLATE = """
            {"version":"4","status":"${status}","receiver":"bactrian","groupKey":"${monitor}",\
            "truncatedAlerts":0,"groupLabels":{"monitor":"${monitor}"},\
            "commonLabels":{"alertname":"${alertname}","monitor":"${monitor}"},\
            "commonAnnotations":{"summary":"${title}"},"externalURL":"",\
            "alerts":[{"status":"${status}","labels":{"alertname":"${alertname}","monitor":"${monitor}"},\
            "annotations":{"summary":"${title}","description":"${text}","target":"${target}","reason":"${reason}"},\
            "startsAt":"${startsAt}","endsAt":"${endsAt}","generatorURL":""}]}""";
    // Go's zero time: how Alertmanager marks an alert that has not ended
    private static final String NOT_ENDED = "0001-01-01T00:00:00Z";
    // a notice posted to Alertmanager ends after its resolve_timeout, 5 minutes by default
    private static final Duration NOTICE_LASTS = Duration.ofMinutes(5);

    private final URI uri;
    private final String method;
    private final Map<String, String> headers;
    private final String template;
    private final String secret;
    private final SendContext context;

    /**
     * @param method   POST or PUT
     * @param headers  sent as given, e.g. Authorization; their values are treated as secrets
     * @param template JSON with ${placeholders} (see {@link #PLACEHOLDERS}), each replaced by a
     *                 JSON-escaped value, so placeholders belong inside string literals
     * @param secret   signs the body when not null: {@code X-Signature-Timestamp: <unix s>} and
     *                 {@code X-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}
     */
    public WebhookSink(String url, String method, Map<String, String> headers, String template, String secret,
                       SendContext context) {
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                throw new IllegalArgumentException("unknown placeholder ${" + m.group(1) + "} in webhook template");
            }
        }
        this.uri = URI.create(url);
        this.method = method;
        this.headers = Map.copyOf(headers);
        this.template = template;
        this.secret = secret;
        this.context = context;
    }

    @Override
    public Delivery send(AlertEvent event) {
        Map<String, String> values = values(event);
        String body = PLACEHOLDER.matcher(template)
                .replaceAll(m -> Matcher.quoteReplacement(Json.escape(values.get(m.group(1)))));
        Map<String, String> sent = new LinkedHashMap<>(headers);
        sent.putIfAbsent("Content-Type", "application/json");
        List<String> secrets = new ArrayList<>(headers.values());
        if (secret != null) {
            long timestamp = context.clock().instant().getEpochSecond();
            sent.put("X-Signature-Timestamp", Long.toString(timestamp));
            sent.put("X-Signature", "sha256=" + Digests.hex(
                    Digests.hmacSha256(Digests.utf8(secret), timestamp + "." + body)));
            secrets.add(secret);
        }
        return context.poster().send(method, uri, sent, body,
                reply -> reply.status() / 100 == 2 ? Delivery.delivered()
                        : Delivery.permanent("HTTP " + reply.status()), secrets);
    }

    private Map<String, String> values(AlertEvent e) {
        boolean resolved = e.kind() == AlertKind.RESOLVED;
        boolean notice = e.kind() == AlertKind.NOTICE;
        Map<String, String> v = new LinkedHashMap<>();
        v.put("monitor", e.monitor());
        v.put("target", e.target());
        v.put("kind", e.kind().name());
        // the labels the Alertmanager channel gives the same alert: news is not an outage
        v.put("alertname", notice ? "MonitorNotice" : "MonitorDown");
        v.put("status", resolved ? "resolved" : "firing");
        v.put("failureClass", e.failureClass());
        v.put("reason", e.reason());
        v.put("title", context.text().title(e));
        v.put("text", context.text().plain(e));
        v.put("at", e.at().toString());
        v.put("startsAt", (e.downSince() == null ? e.at() : e.downSince()).toString());
        v.put("endsAt", resolved ? e.at().toString() : notice ? e.at().plus(NOTICE_LASTS).toString() : NOT_ENDED);
        v.put("downSince", e.downSince() == null ? null : e.downSince().toString());
        v.put("downForSeconds", Long.toString(e.downFor().toSeconds()));
        return v;
    }

    @Override
    public String toString() {
        return "WebhookSink[" + method + " " + uri.getHost() + (secret == null ? "" : ", signed") + "]";
    }
}
