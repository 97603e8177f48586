package io.bactrian.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.bactrian.auth.Logins;
import io.bactrian.channel.AlertQueue;
import io.bactrian.channel.AlertQueue.Undelivered;
import io.bactrian.channel.list.Channels;
import io.bactrian.history.StatusView;
import io.bactrian.history.StatusView.Detail;
import io.bactrian.history.StatusView.Overview;
import io.bactrian.history.StatusView.Query;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.buffer.Buffer;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/**
 * What the built-in server answers for the status page, its JSON API, the metrics and the
 * health checks. The status page and the API ask for a login (any role's) when a user, a token
 * or the status page's password exists; metrics and health stay open for Prometheus and Kubernetes.
 */
public class StatusEndpoints {
    /** Most alerts {@code /api/alerts} lists. */
    static final int API_ALERTS = 200;
    /**
     * A queued alert that no attempt failed yet shows on the overview once it waited this long:
     * longer than the default group wait, so an alert on its normal way is not shown.
     */
    static final Duration LATE = Duration.ofMinutes(1);

    private final StatusView view;
    private final AlertQueue alerts;
    private final StatusPage page;
    private final PrometheusMeterRegistry registry;
    private final Logins logins;
    private volatile int lastScrapeBytes;

    public StatusEndpoints(StatusView view, AlertQueue alerts, StatusPage page, PrometheusMeterRegistry registry,
                           Logins logins) {
        this.view = view;
        this.alerts = alerts;
        this.page = page;
        this.registry = registry;
        this.logins = logins;
    }

    /**
     * The overview, a page at a time: {@code ?q=} words to filter by, {@code ?state=},
     * {@code ?group=}, {@code ?tag=}, {@code ?needs=me}, {@code ?sort=}, {@code ?page=},
     * {@code ?per-page=}; a parameter out of its values answers 400 naming it.
     */
    public void overview(Exchange exchange) throws Exception {
        if (allowed(exchange)) {
            Query q = queryOrBadRequest(exchange, false);
            if (q != null) {
                List<Undelivered> late = alerts.undelivered(LATE, StatusView.MAX_PER_PAGE);
                html(exchange, page.overview(view.overview(q, monitors(late)), late, System.currentTimeMillis()));
            }
        }
    }

    /**
     * The overview as JSON, the same parameters as the page: the counts per state and per group,
     * how many monitors need someone, how many matched, the page and the page's monitors.
     */
    public void apiOverview(Exchange exchange) throws Exception {
        if (allowed(exchange)) {
            Query q = queryOrBadRequest(exchange, true);
            if (q != null) {
                Overview o = view.overview(q, lateMonitors());
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("total", o.total());
                body.put("counts", o.counts());
                body.put("groups", o.groups());
                body.put("needs", o.needs());
                body.put("matched", o.matched());
                body.put("page", q.page());
                body.put("pages", o.pages());
                body.put("perPage", q.perPage());
                body.put("sort", q.sort());
                body.put("monitors", o.monitors());
                json(exchange, 200, body);
            }
        }
    }

    /** The monitors with an alert not delivered for a minute, which ?needs=me lists. */
    private Set<String> lateMonitors() throws SQLException {
        return monitors(alerts.undelivered(LATE, StatusView.MAX_PER_PAGE));
    }

    private static Set<String> monitors(List<Undelivered> alerts) {
        Set<String> monitors = new HashSet<>();
        alerts.forEach(a -> monitors.add(a.monitor()));
        return monitors;
    }

    /** The request's query; null when a parameter is out of its values, answered 400 with one line naming it. */
    private static Query queryOrBadRequest(Exchange exchange, boolean asJson) throws IOException {
        try {
            return query(exchange);
        } catch (IllegalArgumentException e) {
            clean(exchange);
            if (asJson) {
                json(exchange, 400, Map.of("error", e.getMessage()));
            } else {
                exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 400);
                exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
                exchange.getMessage().setBody(e.getMessage());
            }
            return null;
        }
    }

    public void monitor(Exchange exchange) throws Exception {
        if (!allowed(exchange)) {
            return;
        }
        Detail d = view.detail(id(exchange), window(exchange));
        if (d == null) {
            notFound(exchange);
        } else {
            html(exchange, page.monitor(d, System.currentTimeMillis()));
        }
    }

    /**
     * The overview's monitors as a JSON array, a page at a time as on the page; how many matched
     * in {@code X-Total-Count}, the other pages in {@code Link} (as GitHub's API does).
     */
    public void apiMonitors(Exchange exchange) throws Exception {
        Query q = allowed(exchange) ? queryOrBadRequest(exchange, true) : null;
        if (q != null) {
            Overview o = view.overview(q, lateMonitors());
            json(exchange, 200, o.monitors());
            exchange.getMessage().setHeader("X-Total-Count", o.matched());
            String links = links(o);
            if (!links.isEmpty()) {
                exchange.getMessage().setHeader("Link", links);
            }
        }
    }

    /** {@code Link} of an API page: next, prev, first, last as relative URLs; empty for a single page. */
    static String links(Overview o) {
        Query q = o.query();
        StringBuilder b = new StringBuilder();
        if (q.page() < o.pages()) {
            link(b, q, q.page() + 1, "next");
            link(b, q, o.pages(), "last");
        }
        if (q.page() > 1) {
            link(b, q, 1, "first");
            link(b, q, Math.min(q.page() - 1, o.pages()), "prev");
        }
        return b.toString();
    }

    private static void link(StringBuilder b, Query q, int page, String rel) {
        String query = StatusPage.link(q, page);
        b.append(b.length() == 0 ? "" : ", ").append("<monitors").append(query.isEmpty() ? "?page=1" : query)
                .append(">; rel=\"").append(rel).append('"');
    }

    /**
     * The overview's query from the request: {@code q}, {@code state} ({@code degraded} for
     * {@code failing}), {@code group}, {@code tag}, {@code needs=me}, {@code sort}, {@code page},
     * {@code per-page}.
     *
     * @throws IllegalArgumentException one line naming the parameter that is out of its values
     */
    static Query query(Exchange exchange) {
        String state = param(exchange, "state");
        if ("degraded".equals(state)) {
            state = "failing";
        }
        if (state != null && !StatusView.STATES.contains(state)) {
            throw new IllegalArgumentException("state '" + state + "' is not one of " + StatusView.STATES
                    + " (or degraded)");
        }
        String sort = param(exchange, "sort");
        if (sort != null && !StatusView.SORTS.contains(sort)) {
            throw new IllegalArgumentException("sort '" + sort + "' is not one of " + StatusView.SORTS);
        }
        String needs = param(exchange, "needs");
        if (needs != null && !needs.equals("me")) {
            throw new IllegalArgumentException("needs '" + needs + "' is not 'me'");
        }
        return new Query(param(exchange, "q"), state, param(exchange, "group"), param(exchange, "tag"), sort,
                needs != null, number(exchange, "page", 1, Integer.MAX_VALUE),
                number(exchange, "per-page", StatusView.PER_PAGE, StatusView.MAX_PER_PAGE));
    }

    /** A parameter of the query string, stripped; null when absent or blank. */
    private static String param(Exchange exchange, String name) {
        String value = exchange.getMessage().getHeader(name, String.class);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A whole number from 1 to {@code max} of the query string; {@code fallback} when absent. */
    private static int number(Exchange exchange, String name, int fallback, int max) {
        String value = param(exchange, name);
        if (value == null) {
            return fallback;
        }
        if (!value.matches("\\d{1,9}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > max) {
            throw new IllegalArgumentException(name + " '" + value + "' is not a whole number from 1 to " + max);
        }
        return Integer.parseInt(value);
    }

    public void apiMonitor(Exchange exchange) throws Exception {
        if (!allowed(exchange)) {
            return;
        }
        Detail d = view.detail(id(exchange), window(exchange));
        if (d == null) {
            notFound(exchange);
        } else {
            json(exchange, 200, d);
        }
    }

    /**
     * The alert queue per channel (alerts queued, the oldest's queue time, alerts refused for
     * good) and the alerts themselves, queued and refused, newest first.
     */
    public void apiAlerts(Exchange exchange) throws Exception {
        if (allowed(exchange)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("channels", alerts.backlog(Channels.NAMES));
            body.put("alerts", alerts.undelivered(Duration.ZERO, API_ALERTS));
            json(exchange, 200, body);
        }
    }

    /**
     * Prometheus text format 0.0.4, written straight into the buffer the server sends: at 10,000
     * monitors the text is about 20 MB, which as a String would be decoded and encoded once more,
     * and as a byte[] copied and streamed through a pump. The buffer starts at the last scrape's size
     * so that it is not copied as it grows.
     */
    public void metrics(Exchange exchange) throws IOException {
        Buffer body = Buffer.buffer(lastScrapeBytes + lastScrapeBytes / 8 + 4096);
        registry.scrape(new OutputStream() {
            @Override
            public void write(int b) {
                body.appendByte((byte) b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                body.appendBytes(b, off, len);
            }
        });
        lastScrapeBytes = body.length();
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setBody(body);
    }

    public void live(Exchange exchange) throws IOException {
        health(exchange, HealthCheckHelper.invokeLiveness(exchange.getContext()));
    }

    public void ready(Exchange exchange) throws IOException {
        // "full": Camel's default exposure lists a check only while it is down, so an open
        // history database was missing from the answer
        health(exchange, HealthCheckHelper.invokeReadiness(exchange.getContext(), "full"));
    }

    public void health(Exchange exchange) throws IOException {
        health(exchange, HealthCheckHelper.invoke(exchange.getContext()));
    }

    private static void health(Exchange exchange, Collection<HealthCheck.Result> results) throws IOException {
        boolean up = results.stream().allMatch(r -> r.getState() != HealthCheck.State.DOWN);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("checks", results.stream().map(r -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", r.getCheck().getId());
            c.put("status", r.getState().name());
            r.getMessage().ifPresent(m -> c.put("message", m));
            return c;
        }).toList());
        json(exchange, up ? 200 : 503, body);
    }

    static String id(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        return id == null ? "" : java.net.URLDecoder.decode(id, StandardCharsets.UTF_8);
    }

    /** {@code ?hours=N} (1 to 720), default 24. */
    private static long window(Exchange exchange) {
        String hours = exchange.getMessage().getHeader("hours", String.class);
        long h = 24;
        if (hours != null && hours.matches("\\d{1,3}")) {
            h = Math.max(1, Math.min(720, Long.parseLong(hours)));
        }
        return h * 3_600_000L;
    }

    /** Any user's or token's login, when one exists; open while none does. */
    boolean allowed(Exchange exchange) {
        if (logins.admits(exchange)) {
            return true;
        }
        Logins.challenge(exchange);
        return false;
    }

    private static void html(Exchange exchange, String html) {
        clean(exchange);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
        cacheControl(exchange, "no-store");
        exchange.getMessage().setHeader("Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'");
        exchange.getMessage().setBody(html);
    }

    private static void json(Exchange exchange, int status, Object value) throws IOException {
        clean(exchange);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        cacheControl(exchange, "no-store");
        exchange.getMessage().setBody(Json.MAPPER.writeValueAsString(value));
    }

    static void notFound(Exchange exchange) {
        clean(exchange);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getMessage().setBody("no such monitor");
    }

    /**
     * Sets {@code Cache-Control} on the response itself: Camel's HTTP header filter drops the
     * message header of that name on its way out.
     */
    static void cacheControl(Exchange exchange, String value) {
        if (exchange.getIn() instanceof HttpMessage http) {
            http.getResponse().putHeader("Cache-Control", value);
        }
    }

    /** The request's headers must not echo back (Authorization among them). */
    static void clean(Exchange exchange) {
        exchange.getMessage().removeHeaders("*");
    }

    /** Made at the first JSON answer, not at every start (a one-shot run or a disabled server answers none). */
    static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new SimpleModule()
                .addSerializer(Double.class, new NanAsNull()).addSerializer(double.class, new NanAsNull()))
                .registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    private static final class NanAsNull extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            if (value == null || value.isNaN() || value.isInfinite()) {
                gen.writeNull();
            } else {
                gen.writeNumber(value);
            }
        }
    }

}
