package io.bactrian.api;

import java.util.Set;

import io.bactrian.api.ApiCall.Answer;
import io.bactrian.auth.Logins;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;

/**
 * {@code /api/v1/monitors}: the monitors of the monitor lists, read, added, changed, paused and
 * removed through their files (routes/monitor-api.yaml maps the paths here).
 */
public final class MonitorApi {
    private final ApiCall call;
    private final MonitorStore store;

    public MonitorApi(CamelContext context, MonitorListFiles lists, Logins logins, AuditLog audit) {
        this.call = new ApiCall(logins, audit);
        this.store = new MonitorStore(lists, new SecretSettings(context));
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
            return new Answer(201, view, java.util.Map.of("ETag", view.etag(), "Location", "/api/v1/monitors/" + view.id()))
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
}
