package io.camelmonitor.check;

import java.nio.file.Path;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
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

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        try {
            ConfigValidator validator = new ConfigValidator(main.getCamelContext(), Path.of(""), false);
            List<Problem> problems = validator.validate();
            if (!problems.isEmpty()) {
                throw new ConfigProblemsException(problems);
            }
            validator.warnings().forEach(w -> LOG.warn("{}", w));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read the route files: " + e.getMessage(), e);
        }
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        RouteWatcherReloadStrategy watcher = context.hasService(RouteWatcherReloadStrategy.class);
        if (watcher != null) {
            // keep camel-main's file watcher, but route what it sees through the checks first
            watcher.setResourceReload(new CheckedRouteReload(context));
        }
    }
}
