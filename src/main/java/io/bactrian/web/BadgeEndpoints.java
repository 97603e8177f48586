package io.bactrian.web;

import java.util.LinkedHashMap;
import java.util.Map;

import io.bactrian.auth.Logins;
import io.bactrian.core.Digests;
import io.bactrian.history.StatusView;
import io.bactrian.history.StatusView.Summary;
import io.bactrian.monitor.Monitor;
import io.bactrian.monitor.MonitorCatalog;
import org.apache.camel.Exchange;

/**
 * A monitor's badges, {@code /badge/<id>/<badge>.svg} and the same as shields.io endpoint JSON
 * ({@code .json}), open to anyone so a README can show them: only a monitor written
 * {@code private: true} asks for the status page login, and answers 404 without it, as for a
 * monitor that does not exist, so badges do not tell which ids there are.
 */
public class BadgeEndpoints {
    /** Seconds a badge may be kept: about a check's interval, so a README shows news soon. */
    static final int MAX_AGE = 60;

    private final StatusView view;
    private final MonitorCatalog catalog;
    private final Logins auth;

    public BadgeEndpoints(StatusView view, MonitorCatalog catalog, Logins auth) {
        this.view = view;
        this.catalog = catalog;
        this.auth = auth;
    }

    /** {@code /badge/<id>/<name>}: {@code status} and {@code response-time}. */
    public void badge(Exchange exchange) throws Exception {
        answer(exchange, exchange.getMessage().getHeader("badge", "", String.class));
    }

    /** {@code /badge/<id>/uptime/<period>}: 24h, 7d, 30d. */
    public void uptime(Exchange exchange) throws Exception {
        answer(exchange, "uptime/" + exchange.getMessage().getHeader("period", "", String.class));
    }

    private void answer(Exchange exchange, String file) throws Exception {
        int dot = file.lastIndexOf('.');
        String format = dot < 0 ? "" : file.substring(dot + 1);
        String id = StatusEndpoints.id(exchange);
        Monitor monitor = catalog.get(id);
        boolean restricted = monitor != null && "true".equals(monitor.setting("private"));
        if (!format.equals("svg") && !format.equals("json") || restricted && !(auth.configured() && auth.login(exchange).isPresent())) {
            StatusEndpoints.notFound(exchange);
            return;
        }
        Summary summary = view.summary(id);
        // a monitor of the lists, or a route's that has run: not one that was removed or paused
        Badge badge = monitor == null && summary.lastCheckMs() == null ? null : MonitorBadges.of(file.substring(0, dot), summary);
        if (badge == null) {
            StatusEndpoints.notFound(exchange);
            return;
        }
        String label = exchange.getMessage().getHeader("label", String.class);
        if (label != null) {
            badge = badge.labelled(label.length() > 100 ? label.substring(0, 100) : label);
        }
        String body = format.equals("svg") ? BadgeSvg.of(badge) : shields(badge);
        String etag = "\"" + Digests.sha256Hex(body).substring(0, 32) + "\"";
        String known = exchange.getMessage().getHeader("If-None-Match", String.class);
        boolean unchanged = known != null && known.contains(etag);
        StatusEndpoints.clean(exchange);
        exchange.getMessage().setHeader("ETag", etag);
        // a private badge is for the browser that logged in, never for a shared cache
        StatusEndpoints.cacheControl(exchange, (restricted ? "private" : "public") + ", max-age=" + MAX_AGE);
        if (restricted) {
            exchange.getMessage().setHeader("Vary", "Authorization");
        }
        if (unchanged) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 304);
            exchange.getMessage().setBody(null);
            return;
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, format.equals("svg") ? "image/svg+xml; charset=utf-8"
                : "application/json; charset=utf-8");
        exchange.getMessage().setBody(body);
    }

    /** The badge in shields.io's endpoint schema (https://shields.io/badges/endpoint-badge). */
    private static String shields(Badge badge) throws Exception {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schemaVersion", 1);
        json.put("label", badge.label());
        json.put("message", badge.message());
        json.put("color", badge.color());
        return StatusEndpoints.Json.MAPPER.writeValueAsString(json);
    }
}
