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
import io.bactrian.alert.Silence;
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
 * RESOLVED as a recovery does (route {@code incident-ended}), or silenced: no reminders while
 * it holds.
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
            Instant now = Instant.now();
            List<IncidentView> open = book().down().entrySet().stream()
                    .map(e -> IncidentView.of(e.getKey(), e.getValue(), now)).toList();
            return Answer.json(200, open);
        });
    }

    public void end(Exchange exchange) {
        call.write(exchange, () -> {
            String id = ApiCall.monitorId(exchange);
            AlertState ended = book().end(id).orElseThrow(() -> noIncident(id));
            AlertEvent resolved = new AlertEvent(AlertKind.RESOLVED, id, "", Instant.now(), ended.failingSince,
                    ended.failureClass, "ended by hand", null);
            template().sendBody("direct:incident-ended", resolved);
            return Answer.json(200, IncidentView.of(id, ended, Instant.now()))
                    .changed(new AuditLog.Change(id, Map.of("incident", "open"), Map.of("incident", "ended")));
        });
    }

    public void silence(Exchange exchange) {
        call.write(exchange, login -> {
            String id = ApiCall.monitorId(exchange);
            Instant now = Instant.now();
            Silence silence = SilenceBody.of(ApiCall.body(exchange), id, login.name(), now);
            AlertState before = openIncident(id);
            AlertState after = book().silence(id, silence).orElseThrow(() -> noIncident(id));
            return Answer.json(200, IncidentView.of(id, after, now))
                    .changed(new AuditLog.Change(id, silenced(before, now), silenced(after, now)));
        });
    }

    public void unsilence(Exchange exchange) {
        call.write(exchange, () -> {
            String id = ApiCall.monitorId(exchange);
            Instant now = Instant.now();
            AlertState before = openIncident(id);
            AlertState after = book().silence(id, null).orElseThrow(() -> noIncident(id));
            return Answer.json(200, IncidentView.of(id, after, now))
                    .changed(new AuditLog.Change(id, silenced(before, now), silenced(after, now)));
        });
    }

    private AlertState openIncident(String id) throws java.sql.SQLException {
        return book().state(id).filter(s -> s.status == AlertState.Status.DOWN).orElseThrow(() -> noIncident(id));
    }

    private static ApiError noIncident(String id) {
        return ApiError.of(404, "monitor '" + id + "' has no open incident");
    }

    /** What the audit log keeps of an incident's silence. */
    private static Map<String, Object> silenced(AlertState state, Instant now) {
        Silence s = state.silence;
        if (s == null || !s.covers(now)) {
            return Map.of("silence", "none");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("silence", s.until() == null ? "until resolved" : "until " + s.until());
        if (!s.comment().isEmpty()) {
            m.put("comment", s.comment());
        }
        return m;
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
