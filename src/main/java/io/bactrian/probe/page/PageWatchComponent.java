package io.bactrian.probe.page;

import java.nio.file.Path;

import io.bactrian.endpoint.StepEndpoint;
import io.bactrian.endpoint.VerbatimComponent;
import io.bactrian.probe.HttpProbe;
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
    protected StepEndpoint newEndpoint(String uri, String label) {
        return new PageWatchEndpoint(uri, this, label);
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
