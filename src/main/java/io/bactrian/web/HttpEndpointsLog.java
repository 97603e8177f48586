package io.bactrian.web;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.HttpEndpointModel;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up list of the built-in server's pages at the address the server listens on.
 * Camel's own list always reads {@code http://0.0.0.0:<port>/}, even when the server listens
 * on 127.0.0.1 only (log4j2.properties turns it off).
 */
public class HttpEndpointsLog extends MainListenerSupport {
    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpointsLog.class);

    @Override
    public void afterStart(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        MainHttpServer server = context.hasService(MainHttpServer.class);
        PlatformHttpComponent http = (PlatformHttpComponent) context.hasComponent("platform-http");
        if (server == null || http == null || http.getHttpEndpoints().isEmpty()) {
            return;
        }
        String base = "http://" + (server.getHost().contains(":") ? "[" + server.getHost() + "]" : server.getHost())
                + ":" + server.getPort();
        int width = http.getHttpEndpoints().stream().mapToInt(e -> e.getUri().length()).max().orElse(0) + base.length();
        LOG.info("HTTP endpoints, listening on {}:", base);
        for (HttpEndpointModel endpoint : http.getHttpEndpoints()) {
            String verbs = endpoint.getVerbs() == null ? "" : "(" + endpoint.getVerbs() + ")";
            LOG.info("    {}", String.format("%-" + width + "s  %s", base + endpoint.getUri(), verbs).stripTrailing());
        }
    }
}
