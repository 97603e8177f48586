package io.camelmonitor.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Collection;

import org.apache.camel.CamelContext;
import org.apache.camel.RouteConfigurationsBuilder;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.ResourceReload;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What camel-main's route watcher does when a route file is added, edited or removed: check
 * the whole route folder first; if it has problems, report them file by file and keep the
 * running monitors; otherwise replace all routes by those of the folder as it is now.
 * (Camel's own reload loads a file once per route in it, so a file with two routes fails
 * with a duplicate id, and it skips templated routes.)
 */
public class CheckedRouteReload implements ResourceReload {
    private static final Logger LOG = LoggerFactory.getLogger(CheckedRouteReload.class);

    private final CamelContext context;

    public CheckedRouteReload(CamelContext context) {
        this.context = context;
    }

    @Override
    public synchronized void onReload(String name, Resource changed) {
        List<Problem> problems;
        List<Path> files;
        try {
            ConfigValidator validator = new ConfigValidator(context, Path.of(""));
            files = validator.routeFiles();
            problems = validator.validateRoutes(files);
        } catch (Exception e) {
            LOG.error("{} changed but the route files could not be checked ({}); the running monitors are kept", name,
                    e.getMessage());
            return;
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> LOG.error("Not reloaded: {}", p));
            LOG.error("{} changed but the route files have {} problem(s); the running monitors are kept until they are fixed",
                    name, problems.size());
            return;
        }
        try {
            List<Resource> resources = new ArrayList<>();
            for (Path file : files) {
                resources.add(PluginHelper.getResourceLoader(context).resolveResource("file:" + file));
            }
            Collection<RoutesBuilder> builders = PluginHelper.getRoutesLoader(context).findRoutesBuilders(resources);
            context.getRouteController().removeAllRoutes();
            context.removeRouteTemplates("*");
            // the order camel-main uses at start-up: configurations, routes and templates, templated routes
            for (RoutesBuilder builder : builders) {
                if (builder instanceof RouteConfigurationsBuilder configurations) {
                    context.addRoutesConfigurations(configurations);
                }
            }
            for (RoutesBuilder builder : builders) {
                context.addRoutes(builder);
            }
            for (RoutesBuilder builder : builders) {
                context.addTemplatedRoutes(builder);
            }
            List<String> ids = context.getRoutes().stream().map(r -> r.getRouteId()).sorted().toList();
            LOG.info("{} changed: {} route(s) running from {} file(s): {}", name, ids.size(), files.size(), ids);
        } catch (Exception e) {
            LOG.error("Reloading the route files after {} changed failed: {}", name, ConfigValidator.rootMessage(e));
        }
    }
}
