package io.bactrian.probe.page;

import java.nio.file.Path;
import java.util.Map;

import io.bactrian.endpoint.PerMonitor;
import io.bactrian.endpoint.VerbatimComponent;
import io.bactrian.probe.HttpProbe;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;

/**
 * {@code page-watch:<label>?url=...&select=ul.chapters li}: fetches a page, picks the items that
 * matter and says which are new since the last look.
 */
@Component("page-watch")
public class PageWatchComponent extends VerbatimComponent {
    private final HttpProbe probe = new HttpProbe();
    private SeenItems seen;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        PageWatchEndpoint endpoint = new PageWatchEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        if (PerMonitor.isKindStep(remaining)) {
            return endpoint; // a kind's defaults: checked with each monitor's settings over them
        }
        // bad settings fail the route at start-up; a missing url last, so that a route that
        // is off still has its other settings checked
        endpoint.picker();
        endpoint.request();
        return endpoint;
    }

    HttpProbe probe() {
        return probe;
    }

    synchronized SeenItems seen() {
        if (seen == null) {
            String dataDir = getCamelContext().resolvePropertyPlaceholders("{{bactrian.data-dir:data}}");
            seen = new SeenItems(Path.of(dataDir, "page-watch"));
        }
        return seen;
    }
}
