package io.bactrian.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.bactrian.core.Problem;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.RouteConfigurationsBuilder;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.kamelet.KameletEndpoint;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.ResourceReload;
import org.apache.camel.spi.RouteStartupOrder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What camel-main's route watcher does when a route file is added, edited or removed: check
 * the whole route folder first; if it has problems, report them file by file and keep the
 * running monitors; otherwise replace all routes by those of the folder as it is now. Should
 * that still fail, the last good set of files is loaded again.
 * (Camel's own reload loads a file once per route in it, so a file with two routes fails
 * with a duplicate id, and it skips templated routes.) Files the same as when last loaded are
 * not loaded again: writing a file gives several events (created, then modified), and a reload
 * a moment after another could stop a new monitor's first Quartz fire half way, leaving its
 * trigger paused.
 * <p>
 * The routes the kamelets built when a route first sent to them
 * ({@code kamelet:channel-sink?channel=wecom}) are replaced too, with their endpoints: an
 * endpoint kept without its route would hold every alert sent to it for 30 s and then drop it.
 */
public class CheckedRouteReload implements ResourceReload {
    private static final Logger LOG = LoggerFactory.getLogger(CheckedRouteReload.class);

    private final CamelContext context;
    private final Path folder;
    private Map<Path, String> lastGood;

    public CheckedRouteReload(CamelContext context, Path folder) {
        this.context = context;
        this.folder = folder;
        try {
            lastGood = snapshot(new ConfigValidator(context, folder, true).routeFiles()); // as started
        } catch (IOException e) {
            LOG.warn("The route files could not be read for reloading ({}); they are read at the first change",
                    e.getMessage());
        }
    }

    @Override
    public synchronized void onReload(String name, Resource changed) {
        List<Problem> problems;
        Map<Path, String> now;
        try {
            ConfigValidator validator = new ConfigValidator(context, folder, true);
            List<Path> files = validator.routeFiles();
            now = snapshot(files);
            if (lastGood == null) {
                lastGood = now;
            } else if (now.equals(lastGood)) {
                LOG.debug("{} changed, but the route files are as loaded: nothing to do", name);
                return;
            }
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
            load(now);
            lastGood = now;
            List<String> ids = context.getRoutes().stream().map(r -> r.getRouteId()).sorted().toList();
            LOG.info("{} changed: {} route(s) running from {} file(s): {}", name, ids.size(), now.size(), ids);
        } catch (Exception e) {
            LOG.error("Reloading the route files after {} changed failed ({}); loading the last good ones again", name,
                    RootMessage.of(e));
            try {
                load(lastGood);
            } catch (Exception again) {
                LOG.error("The last good route files failed to load too: {}", RootMessage.of(again));
            }
        }
    }

    /** The files' content now: a later edit must not change what "last good" means. */
    private static Map<Path, String> snapshot(List<Path> files) throws IOException {
        Map<Path, String> contents = new LinkedHashMap<>();
        for (Path file : files) {
            contents.put(file, Files.readString(file));
        }
        return contents;
    }

    private void load(Map<Path, String> files) throws Exception {
        List<Resource> resources = new ArrayList<>();
        files.forEach((file, content) -> resources.add(ResourceHelper.fromString("file:" + file, content)));
        Collection<RoutesBuilder> builders = PluginHelper.getRoutesLoader(context).findRoutesBuilders(resources);
        removeRoutes();
        // the order camel-main uses at start-up: configurations, routes and templates, templated routes
        for (RoutesBuilder builder : builders) {
            if (builder instanceof RouteConfigurationsBuilder configurations) {
                configurations.updateRouteConfigurationsToCamelContext(context);
            }
        }
        for (RoutesBuilder builder : builders) {
            context.addRoutes(builder);
        }
        for (RoutesBuilder builder : builders) {
            context.addTemplatedRoutes(builder);
        }
    }

    /**
     * Removes every route, those of the route files first: their checks and alerts in flight
     * finish while the kamelets they send to still run. Then the kamelets' routes, templates and
     * endpoints go, so the new routes build them afresh on first use, as at start-up.
     */
    private void removeRoutes() throws Exception {
        List<RouteStartupOrder> fileRoutes = context.getCamelContextExtension().getRouteStartupOrder().stream()
                .filter(order -> !order.getRoute().isCreatedByKamelet()).toList();
        context.getShutdownStrategy().shutdown(context, fileRoutes);
        context.getRouteController().removeAllRoutes();
        context.removeRouteTemplates("*");
        for (Endpoint endpoint : List.copyOf(context.getEndpoints())) {
            if (endpoint instanceof KameletEndpoint) {
                context.removeEndpoint(endpoint);
            }
        }
    }
}
