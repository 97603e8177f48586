package io.camelmonitor.check;

import java.util.Collection;
import java.util.List;

import org.apache.camel.spi.Resource;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route reloading that validates the route folder first: a broken edit is reported, file by
 * file, and the monitors that run keep running until the files are fixed. camel-main's own
 * watcher hands it the changed files.
 */
public class CheckedReloadStrategy extends RouteWatcherReloadStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(CheckedReloadStrategy.class);

    public CheckedReloadStrategy(String directory, boolean recursive) {
        super(directory, recursive);
    }

    void reload(Resource resource) {
        onRouteReload(List.of(resource), false);
    }

    @Override
    protected void onRouteReload(Collection<Resource> resources, boolean removeEverything) {
        List<Problem> problems;
        try {
            problems = new ConfigValidator(getCamelContext()).validate();
        } catch (Exception e) {
            LOG.error("Route files changed but could not be checked ({}); the running monitors are kept", e.getMessage());
            return;
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> LOG.error("Not reloaded: {}", p));
            LOG.error("Route files changed but have {} problem(s); the running monitors are kept until they are fixed",
                    problems.size());
            return;
        }
        try {
            super.onRouteReload(resources, removeEverything);
        } catch (RuntimeException e) {
            LOG.error("Reloading the route files failed: {}", ConfigValidator.rootMessage(e));
        }
    }
}
