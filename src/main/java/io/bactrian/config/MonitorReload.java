package io.bactrian.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.bactrian.core.Problem;
import io.bactrian.monitor.MonitorCatalog;
import io.bactrian.monitor.MonitorFiles;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the monitor lists while running: an edit is checked as {@code validate} checks it and
 * then replaces the list, so only the monitors that were added, changed or removed are
 * (re)scheduled, without rebuilding a route. An edit with a problem changes nothing; each
 * problem is logged, and the next save is looked at again.
 */
public final class MonitorReload extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorReload.class);

    private final CamelContext context;
    private final MonitorCatalog catalog;
    private final Path base;
    private final long intervalMs;
    private ScheduledExecutorService timer;
    private List<String> seen;

    public MonitorReload(CamelContext context, MonitorCatalog catalog, Path base, long intervalMs) {
        this.context = context;
        this.catalog = catalog;
        this.base = base;
        this.intervalMs = intervalMs;
    }

    @Override
    protected void doStart() throws Exception {
        seen = stamp();
        timer = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "monitor-reload");
        timer.scheduleWithFixedDelay(this::look, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    /** Each file's name, size and time of change: a save changes one of them. */
    private List<String> stamp() throws IOException {
        List<String> stamp = new ArrayList<>();
        for (Path file : MonitorLists.files(context, base)) {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            stamp.add(file + " " + a.size() + " " + a.lastModifiedTime().toMillis());
        }
        return stamp;
    }

    private void look() {
        try {
            List<String> now = stamp();
            if (now.equals(seen)) {
                return;
            }
            reload();
            seen = now; // a reload that could not read the files is tried again at the next look
        } catch (Exception e) {
            LOG.error("Monitor lists not reloaded: {}", RootMessage.of(e));
        }
    }

    /** Checks the lists and puts them in place; false, with the problems logged, when they have any. */
    boolean reload() throws IOException {
        List<Problem> problems = new ConfigValidator(context, base, false).validateMonitors();
        if (!problems.isEmpty()) {
            problems.forEach(p -> LOG.error("Monitor lists not reloaded: {}", p));
            return false;
        }
        MonitorFiles.Loaded loaded = MonitorLists.read(context, base);
        MonitorCatalog.Change change = catalog.replace(loaded.monitors());
        LOG.info("Monitor lists reloaded: {}", change);
        return true;
    }

    @Override
    protected void doStop() {
        if (timer != null) {
            context.getExecutorServiceManager().shutdownNow(timer);
            timer = null;
        }
    }
}
