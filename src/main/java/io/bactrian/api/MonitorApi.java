package io.bactrian.api;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.bactrian.api.ApiCall.Answer;
import io.bactrian.auth.Logins;
import io.bactrian.core.CheckResult;
import io.bactrian.cron.CheckNow;
import io.bactrian.monitor.Monitor;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;

/**
 * {@code /api/v1/monitors}: the monitors of the monitor lists, read, added, changed, paused and
 * removed through their files (routes/monitor-api.yaml maps the paths here).
 */
public final class MonitorApi {
    private final ApiCall call;
    private final MonitorStore store;
    private final MonitorListFiles lists;
    private final SecretSettings secrets;
    private final CamelContext context;

    public MonitorApi(CamelContext context, MonitorListFiles lists, Logins logins, AuditLog audit) {
        this.context = context;
        this.call = new ApiCall(logins, audit);
        this.lists = lists;
        this.secrets = new SecretSettings(context);
        String zone = context.resolvePropertyPlaceholders("{{bactrian.time-zone:}}");
        this.store = new MonitorStore(lists, secrets, zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone));
    }

    /** Each kind with its settings, secret ones marked as the answers leave them out. */
    public void kinds(Exchange exchange) {
        call.read(exchange, () -> {
            List<Map<String, Object>> kinds = new ArrayList<>();
            lists.kinds().forEach((kind, settings) -> kinds.add(Map.of("kind", kind, "settings",
                    settings.stream().map(s -> s.secret(s.secret() || secrets.secret(s.name()))).toList())));
            return Answer.json(200, kinds);
        });
    }

    public void list(Exchange exchange) {
        call.read(exchange, () -> Answer.json(200, store.list()));
    }

    public void get(Exchange exchange) {
        call.read(exchange, () -> Answer.monitor(200, store.get(ApiCall.monitorId(exchange))));
    }

    public void create(Exchange exchange) {
        call.write(exchange, () -> {
            MonitorBody body = MonitorBody.create(ApiCall.body(exchange));
            MonitorView view = store.create(body.file(), body.id(), body.settings());
            return new Answer(201, view, Map.of("ETag", view.etag(), "Location", "/api/v1/monitors/" + view.id()))
                    .changed(MonitorChanges.of(view.id(), null, view, body.settings().keySet()));
        });
    }

    public void update(Exchange exchange) {
        call.write(exchange, () -> {
            String id = ApiCall.monitorId(exchange);
            String etag = ApiCall.ifMatch(exchange);
            MonitorBody body = MonitorBody.update(ApiCall.body(exchange), id);
            MonitorView before = store.get(id);
            MonitorView after = store.update(id, etag, body.settings());
            return Answer.monitor(200, after).changed(MonitorChanges.of(id, before, after, body.settings().keySet()));
        });
    }

    public void delete(Exchange exchange) {
        call.write(exchange, () -> {
            String id = ApiCall.monitorId(exchange);
            MonitorView before = store.get(id);
            store.delete(id, ApiCall.ifMatch(exchange));
            return Answer.json(204, null).changed(MonitorChanges.of(id, before, null, Set.of()));
        });
    }

    public void pause(Exchange exchange) {
        paused(exchange, true);
    }

    public void resume(Exchange exchange) {
        paused(exchange, false);
    }

    private void paused(Exchange exchange, boolean paused) {
        call.write(exchange, () -> {
            String id = ApiCall.monitorId(exchange);
            String etag = ApiCall.ifMatch(exchange);
            MonitorView before = store.get(id);
            MonitorView after = store.pause(id, etag, paused);
            return Answer.monitor(200, after).changed(MonitorChanges.of(id, before, after, Set.of()));
        });
    }

    /** Runs the monitor once, as its file has it now, and answers its result; nothing is recorded or alerted. */
    public void check(Exchange exchange) {
        call.write(exchange, () -> {
            String id = ApiCall.monitorId(exchange);
            Monitor monitor = lists.enabled(id);
            if (monitor == null) {
                store.get(id); // 404 when there is no such monitor
                throw ApiError.of(409, "monitor '" + id + "' is paused: resume it to check it");
            }
            CheckResult result = CheckNow.run(context, monitor);
            if (result == null) {
                throw ApiError.field(monitor.file(), id, "kind", "no route runs kind '" + monitor.kind() + "'");
            }
            return Answer.json(200, CheckView.of(result));
        });
    }
}
