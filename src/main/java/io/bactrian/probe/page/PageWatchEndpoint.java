package io.bactrian.probe.page;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.bactrian.core.CheckResult;
import io.bactrian.core.MissingSetting;
import io.bactrian.monitor.Monitor;
import io.bactrian.probe.Failure;
import io.bactrian.probe.ProbeEndpoint;
import io.bactrian.probe.ProbeRequest;
import io.bactrian.probe.ProbeResult;
import org.apache.camel.Category;
import org.apache.camel.Exchange;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;

/**
 * A page update watch. It fetches like {@code http-probe} (fresh connection, TLS verified,
 * body capped), picks the items and compares them with the last look. The body out is a
 * {@link CheckResult}, up when the page came and the selection matched, whose detail is a
 * {@link PageUpdate}; the alert rule sends its new items as one NOTICE.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "page-watch", title = "Page Watch", syntax = "page-watch:label",
        category = {Category.MONITORING, Category.HTTP}, producerOnly = true)
public class PageWatchEndpoint extends ProbeEndpoint {
    @UriParam(description = "CSS selector of the items, e.g. ul.chapters li a")
    private String select;
    @UriParam(description = "JSONPath of the items in a JSON answer, e.g. $.episodes[*].title")
    private String jsonPath;
    @UriParam(description = "Regular expression whose matches (first group if any) are the items")
    private String regex;
    @UriParam(description = "Regular expression of noise taken out of each item before comparing: dates, counters")
    private String ignore;
    private ProbeRequest request;
    private ItemPicker picker;

    PageWatchEndpoint(String uri, PageWatchComponent component, String label) {
        super(uri, component, label);
    }

    @Override
    public ProbeRequest request() {
        if (getUrl() == null || getUrl().isBlank()) {
            throw new MissingSetting("url");
        }
        return super.request();
    }

    ItemPicker picker() {
        return new ItemPicker(select, jsonPath, regex, ignore);
    }

    /** What is watched: a change of it starts afresh rather than announcing everything as new. */
    private String watching() {
        return getUrl().trim() + " " + (has(select) ? "css:" + select : has(jsonPath) ? "jsonpath:" + jsonPath
                : has(regex) ? "regex:" + regex : "text");
    }

    private static boolean has(String s) {
        return s != null && !s.isBlank();
    }

    @Override
    protected void checkSettings() {
        // bad settings fail the route at start-up; a missing url last, so that a route that
        // is off still has its other settings checked
        picker();
        request();
    }

    @Override
    protected void prepare() {
        request = request();
        picker = picker();
    }

    @Override
    protected void check(Exchange exchange) {
        PageWatchComponent component = (PageWatchComponent) getComponent();
        String monitor = Monitor.idOf(exchange);
        exchange.getMessage().setBody(look(monitor, component.probe().probe(request), component.seen()));
    }

    private CheckResult look(String monitor, ProbeResult r, SeenItems seen) {
        String target = getUrl().trim();
        if (!r.completed()) {
            Failure f = r.failure();
            return new CheckResult(monitor, target, Instant.now(), false, f.kind().label(), f.message(), f.toString(), r);
        }
        if (r.status() / 100 != 2) {
            String reason = "HTTP " + r.status() + " (expected 2xx)";
            return new CheckResult(monitor, target, Instant.now(), false, "unexpected status", reason, reason, r);
        }
        List<Item> items = picker.pick(r.body(), r.url().toString());
        if (items.isEmpty()) {
            // a redesigned page: the watch would stay silent for ever, so say so
            String reason = "nothing on the page matches " + watching().substring(target.length() + 1);
            return new CheckResult(monitor, target, Instant.now(), false, "no match", reason, reason, r);
        }
        String watching = watching();
        List<String> last = seen.last(monitor, watching);
        Set<String> before = last == null ? Set.of() : new HashSet<>(last);
        List<Item> added = last == null ? List.of() : items.stream().filter(i -> !before.contains(i.key())).toList();
        seen.remember(monitor, watching, items.stream().map(Item::key).distinct().toList());
        PageUpdate update = new PageUpdate(r, last == null, items, added);
        String summary = String.format(Locale.ROOT, "%d items, %s in %.1f ms", items.size(),
                last == null ? "first look, recorded" : added.isEmpty() ? "nothing new" : added.size() + " new",
                r.totalMs());
        return new CheckResult(monitor, target, Instant.now(), true, null, null, summary, update);
    }

    public String getSelect() {
        return select;
    }

    public void setSelect(String select) {
        this.select = select;
    }

    public String getJsonPath() {
        return jsonPath;
    }

    public void setJsonPath(String jsonPath) {
        this.jsonPath = jsonPath;
    }

    public String getRegex() {
        return regex;
    }

    public void setRegex(String regex) {
        this.regex = regex;
    }

    public String getIgnore() {
        return ignore;
    }

    public void setIgnore(String ignore) {
        this.ignore = ignore;
    }
}
