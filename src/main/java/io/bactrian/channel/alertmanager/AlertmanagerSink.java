package io.bactrian.channel.alertmanager;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.bactrian.alert.AlertEvent;
import io.bactrian.alert.AlertKind;
import io.bactrian.channel.Delivery;
import io.bactrian.channel.GroupingSink;
import io.bactrian.channel.Json;
import io.bactrian.channel.SendContext;

/**
 * Prometheus Alertmanager, API v2: one alert per notice, identified by its labels. A firing
 * alert (DOWN, REMINDER) ends {@code firingFor} after it was posted unless posted again, so it
 * is re-sent while it fires; a RESOLVED notice re-posts the same labels with endsAt now,
 * which is how Alertmanager learns it ended.
 */
public final class AlertmanagerSink implements GroupingSink {
    public static final String DEFAULT_BASE_URL = "http://localhost:9093";

    private final URI uri;
    private final Map<String, String> labels;
    private final Map<String, String> headers;
    private final Duration firingFor;
    private final SendContext context;

    /**
     * @param labels    added to every alert, e.g. severity; {@code alertname} defaults to MonitorDown
     * @param headers   e.g. Authorization for a proxy in front of Alertmanager; values are secrets
     * @param firingFor how long after a post a firing alert ends unless posted again: a few re-send intervals
     */
    public AlertmanagerSink(String baseUrl, Map<String, String> labels, Map<String, String> headers,
                            Duration firingFor, SendContext context) {
        this.uri = URI.create(baseUrl + "/api/v2/alerts");
        this.labels = Map.copyOf(labels);
        this.headers = Map.copyOf(headers);
        this.firingFor = firingFor;
        this.context = context;
    }

    @Override
    public Delivery send(AlertEvent event) {
        return send(List.of(event));
    }

    /** The alerts in one request: the API takes a list. */
    @Override
    public Delivery send(List<AlertEvent> events) {
        Map<String, String> sent = new LinkedHashMap<>(headers);
        sent.put("Content-Type", "application/json");
        // a 400 may still have stored part of a batch; it is not retried, so nothing is stored twice
        return context.poster().send("POST", uri, sent, Json.write(events.stream().map(this::alert).toList()),
                reply -> reply.status() / 100 == 2 ? Delivery.delivered()
                        : Delivery.permanent("HTTP " + reply.status() + ": " + reply.body().trim()),
                headers.values());
    }

    private Map<String, Object> alert(AlertEvent event) {
        Map<String, String> alertLabels = new LinkedHashMap<>();
        // a notice is news, not an outage; Alertmanager resolves it after its resolve_timeout
        alertLabels.put("alertname", event.kind() == AlertKind.NOTICE ? "MonitorNotice" : "MonitorDown");
        alertLabels.putAll(labels);
        alertLabels.put("monitor", event.monitor());
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", context.text().title(event));
        annotations.put("description", context.text().plain(event));
        annotations.put("target", event.target());
        if (event.reason() != null) {
            annotations.put("reason", event.reason());
        }
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("labels", alertLabels);
        alert.put("annotations", annotations);
        alert.put("startsAt", (event.downSince() == null ? event.at() : event.downSince()).toString());
        if (event.kind() == AlertKind.RESOLVED) {
            alert.put("endsAt", event.at().toString());
        } else if (event.kind() != AlertKind.NOTICE) {
            alert.put("endsAt", context.clock().instant().plus(firingFor).toString());
        }
        return alert;
    }

    @Override
    public String toString() {
        return "AlertmanagerSink[" + uri.getHost() + "]";
    }
}
