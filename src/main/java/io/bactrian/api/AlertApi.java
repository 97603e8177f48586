package io.bactrian.api;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.bactrian.alert.AlertBook;
import io.bactrian.alert.AlertEvent;
import io.bactrian.alert.AlertKind;
import io.bactrian.alert.AlertRuleComponent;
import io.bactrian.alert.AlertState;
import io.bactrian.api.ApiCall.Answer;
import io.bactrian.auth.Logins;
import io.bactrian.channel.AlertQueue;
import io.bactrian.channel.list.Channels;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * {@code /api/v1/alerts}: the durable alert queue, an alert refused for good sent again or
 * dropped; {@code /api/v1/incidents}: the open incidents, one ended by hand, which raises its
 * RESOLVED as a recovery does (route {@code incident-ended}).
 */
public final class AlertApi {
    /** Most alerts listed, as on {@code /api/alerts}. */
    private static final int ALERTS = 200;
    private final CamelContext context;
    private final AlertQueue queue;
    private final ApiCall call;
    private ProducerTemplate template;

    public AlertApi(CamelContext context, AlertQueue queue, Logins logins, AuditLog audit) {
        this.context = context;
        this.queue = queue;
        this.call = new ApiCall(logins, audit);
    }

    public void alerts(Exchange exchange) {
        call.read(exchange, () -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("channels", queue.backlog(Channels.NAMES));
            body.put("alerts", queue.undelivered(Duration.ZERO, ALERTS));
            return Answer.json(200, body);
        });
    }

    public void resend(Exchange exchange) {
        call.write(exchange, () -> {
            long id = ApiCall.number(exchange);
            if (!queue.resend(id)) {
                throw ApiError.of(404, "no alert " + id + " refused for good in the alert queue");
            }
            return Answer.json(200, Map.of("id", id, "state", "queued"))
                    .changed(new AuditLog.Change(String.valueOf(id), Map.of("state", "failed"), Map.of("state", "queued")));
        });
    }

    public void drop(Exchange exchange) {
        call.write(exchange, () -> {
            long id = ApiCall.number(exchange);
            if (!queue.drop(id)) {
                throw ApiError.of(404, "no alert " + id + " queued or refused in the alert queue");
            }
            return Answer.json(204, null).changed(new AuditLog.Change(String.valueOf(id), null, Map.of("state", "dropped")));
        });
    }

    public void incidents(Exchange exchange) {
        call.read(exchange, () -> {
            List<IncidentView> open = book().down().entrySet().stream().map(e -> new IncidentView(e.getKey(),
                    e.getValue().failingSince, e.getValue().failureClass, e.getValue().reason)).toList();
            return Answer.json(200, open);
        });
    }

    public void end(Exchange exchange) {
        call.write(exchange, () -> {
            String id = ApiCall.monitorId(exchange);
            AlertState ended = book().end(id).orElseThrow(
                    () -> ApiError.of(404, "monitor '" + id + "' has no open incident"));
            AlertEvent resolved = new AlertEvent(AlertKind.RESOLVED, id, "", Instant.now(), ended.failingSince,
                    ended.failureClass, "ended by hand", null);
            template().sendBody("direct:incident-ended", resolved);
            return Answer.json(200, new IncidentView(id, ended.failingSince, ended.failureClass, ended.reason))
                    .changed(new AuditLog.Change(id, Map.of("incident", "open"), Map.of("incident", "ended")));
        });
    }

    private synchronized ProducerTemplate template() {
        if (template == null) {
            template = context.createProducerTemplate();
        }
        return template;
    }

    private AlertBook book() {
        return context.getComponent("alert-rule", AlertRuleComponent.class).book();
    }
}
