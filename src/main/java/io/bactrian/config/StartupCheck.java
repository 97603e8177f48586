package io.bactrian.config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import io.bactrian.core.Problem;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the same checks as {@code validate} before any route is loaded, so a bad monitor stops
 * start-up with the message {@code validate} gives; and makes route reloading check an edit
 * before it replaces the running routes.
 */
public class StartupCheck extends MainListenerSupport {
    private static final Logger LOG = LoggerFactory.getLogger(StartupCheck.class);

    /** Where the relative paths of the configuration start. */
    private final Path folder;

    public StartupCheck(Path folder) {
        this.folder = folder;
    }

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        try {
            ConfigValidator validator = new ConfigValidator(main.getCamelContext(), folder, false);
            List<Problem> problems = validator.validate();
            if (problems.isEmpty()) {
                problems = portTaken(main.getCamelContext());
            }
            if (!problems.isEmpty()) {
                throw new ConfigProblemsException(problems);
            }
            validator.warnings().forEach(w -> LOG.warn("{}", w));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the route files: " + e.getMessage(), e);
        }
    }

    /**
     * The built-in server's port held by another program (often a second instance) would stop
     * start-up later with the HTTP server's stack trace. Only start-up asks: validate runs
     * beside the running monitor, which holds its port.
     */
    private static List<Problem> portTaken(CamelContext context) {
        PropertiesComponent p = context.getPropertiesComponent();
        String host = p.resolveProperty("camel.server.host").orElse("0.0.0.0").strip();
        int port = Integer.parseInt(p.resolveProperty("camel.server.port").orElse("8080").strip());
        if (!p.resolveProperty("camel.server.enabled").orElse("false").strip().equals("true") || port == 0) {
            return List.of();
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, port));
            return List.of();
        } catch (IOException e) {
            return List.of(new Problem("application.properties", null, "camel.server.port",
                    host + ":" + port + " cannot be listened on (" + e.getMessage() + "): another program, or another"
                            + " instance, may hold it"));
        }
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        RouteWatcherReloadStrategy watcher = context.hasService(RouteWatcherReloadStrategy.class);
        if (watcher != null) {
            // keep camel-main's file watcher, but route what it sees through the checks first
            watcher.setResourceReload(new CheckedRouteReload(context, folder));
        }
    }
}
