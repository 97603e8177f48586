package io.bactrian.probe.speedtest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

/**
 * The bean routes call to read a node list file, with {@code {{placeholders}}} resolved from
 * the application's properties and environment (tokens stay out of the file). Empty means
 * this process only.
 */
public class NodeLists implements CamelContextAware {
    private CamelContext camelContext;

    public List<Node> load(String file) throws IOException {
        if (file == null || file.isBlank()) {
            return List.of(Node.local());
        }
        return NodeList.load(Path.of(file.trim()), camelContext::resolvePropertyPlaceholders);
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }
}
