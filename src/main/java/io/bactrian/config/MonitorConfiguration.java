package io.bactrian.config;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.bactrian.alert.MaintenanceWindows;
import io.bactrian.api.AccessApi;
import io.bactrian.api.AlertApi;
import io.bactrian.api.AuditLog;
import io.bactrian.api.ChannelApi;
import io.bactrian.api.MonitorApi;
import io.bactrian.auth.Logins;
import io.bactrian.auth.UsersSettingsCheck;
import io.bactrian.channel.AlertQueue;
import io.bactrian.channel.ChannelSenders;
import io.bactrian.channel.SendContext;
import io.bactrian.channel.list.Channels;
import io.bactrian.core.Durations;
import io.bactrian.demo.DemoTarget;
import io.bactrian.history.HistoryHealthCheck;
import io.bactrian.history.HistoryStore;
import io.bactrian.history.MonitorMetrics;
import io.bactrian.history.StatusView;
import io.bactrian.monitor.Monitor;
import io.bactrian.monitor.MonitorCatalog;
import io.bactrian.probe.HttpProbe;
import io.bactrian.probe.TlsEngines;
import io.bactrian.probe.speedtest.NodeLists;
import io.bactrian.probe.speedtest.NodeProbers;
import io.bactrian.probe.speedtest.ProbeApi;
import io.bactrian.probe.speedtest.ProbeApiSettingsCheck;
import io.bactrian.probe.speedtest.ProbeLimits;
import io.bactrian.store.Database;
import io.bactrian.web.BadgeEndpoints;
import io.bactrian.web.PublicPages;
import io.bactrian.web.PublicPagesFile;
import io.bactrian.web.ManagePage;
import io.bactrian.web.StatusEndpoints;
import io.bactrian.web.StatusPage;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.LoggerFactory;

/** The beans the route files call, configured from application.properties. */
public class MonitorConfiguration implements CamelConfiguration {
    /** The beans {@link #configure} binds; validate checks a route's bean references against them. */
    private static final List<String> CONFIGURED = List.of("metricsRegistry", "alertQueue", "channelSenders", "monitorCatalog",
            "monitorMetrics", "history", "statusEndpoints", "badgeEndpoints", "publicPages", "monitorApi",
            "alertApi", "channelApi", "accessApi", "managePage");

    /** Where the relative paths of the monitor lists start. */
    private final Path folder;

    /** Reads the monitor lists from the current folder, as camel.main.configuration-classes makes it. */
    public MonitorConfiguration() {
        this(Path.of(""));
    }

    public MonitorConfiguration(Path folder) {
        this.folder = folder;
    }

    /** Every bean name this configuration provides, for {@code bean:<name>} and {@code ref: <name>}. */
    public static Set<String> beanNames() {
        Set<String> names = new TreeSet<>(CONFIGURED);
        for (Method m : MonitorConfiguration.class.getMethods()) {
            if (m.isAnnotationPresent(BindToRegistry.class)) {
                names.add(m.getName());
            }
        }
        return names;
    }

    /** A property that may be left out: @PropertyInject takes an empty default for none. */
    private static String optional(CamelContext context, String key) {
        return context.getPropertiesComponent().resolveProperty(key).orElse("");
    }

    /** How node-probe steps reach each kind of node. */
    @BindToRegistry
    public NodeProbers nodeProbers() {
        return new NodeProbers(new HttpProbe());
    }

    @BindToRegistry
    public NodeLists nodeLists() {
        return new NodeLists();
    }

    @BindToRegistry
    public DemoTarget demoTarget() {
        return new DemoTarget();
    }

    @BindToRegistry
    public ProbeApi probeApi(CamelContext context,
                             @PropertyInject(value = ProbeApiSettingsCheck.ALLOW_PRIVATE_TARGETS, defaultValue = "false")
                             boolean allowPrivateTargets,
                             @PropertyInject(value = ProbeApiSettingsCheck.MAX_BODY_BYTES, defaultValue = "1048576")
                             int maxBodyBytes,
                             @PropertyInject(value = ProbeApiSettingsCheck.MAX_TIMEOUT, defaultValue = "30s") String maxTimeout,
                             @PropertyInject(value = ProbeApiSettingsCheck.MAX_REDIRECTS, defaultValue = "10") int maxRedirects) {
        return new ProbeApi(optional(context, ProbeApiSettingsCheck.TOKEN), allowPrivateTargets,
                new ProbeLimits(maxBodyBytes, Durations.positive(ProbeApiSettingsCheck.MAX_TIMEOUT, maxTimeout), maxRedirects));
    }

    /** The channels the delivery route sends through, mail among them, with the data folder for the local mailbox. */
    private static ChannelSenders channelSenders(CamelContext context, AlertQueue queue, String dataDir,
                                                 MonitorCatalog catalog) {
        return new ChannelSenders(key -> monitorSetting(catalog, key).orElseGet(() -> optional(context, key)),
                Clock.systemUTC(), queue, Channels.ALL, new SendContext.Services(context, Path.of(dataDir)),
                monitor -> catalog.get(monitor) != null // a monitor's route: kafka-lag of kafka-lag/orders
                || context.getRoute(monitor.split("/", 2)[0]) != null);
    }

    /**
     * A monitor list's {@code channels} and {@code severity} of a monitor, read where the
     * properties would say them for a monitor's route ({@code alert.channels.<id>}).
     */
    private static Optional<String> monitorSetting(MonitorCatalog catalog, String key) {
        for (String[] pair : new String[][] {{ChannelSenders.CHANNELS + ".", "channels"},
                {ChannelSenders.SEVERITY + ".", "severity"}}) {
            if (key.startsWith(pair[0])) {
                Monitor monitor = catalog.get(key.substring(pair[0].length()));
                if (monitor != null && monitor.setting(pair[1]) != null) {
                    return Optional.of(monitor.setting(pair[1]));
                }
            }
        }
        return Optional.empty();
    }

    private static String or(CamelContext context, String key, String fallback) {
        String value = optional(context, key).trim();
        return value.isEmpty() ? fallback : value;
    }

    /**
     * The history and what reads it, built here rather than as bound methods because they
     * depend on each other: the one metrics registry (Camel's route metrics with
     * camel.metrics.enabled, and the monitors' own), the history the routes call with
     * record and recordAlert, and the status endpoints.
     */
    @Override
    public void configure(CamelContext camelContext) throws Exception {
        PropertiesComponent props = camelContext.getPropertiesComponent();
        // before the routes: their https targets start the TLS warm-up, which uses the engine chosen here
        TlsEngines.choose(props.resolveProperty(TlsEngines.SETTING).orElse("auto"),
                LoggerFactory.getLogger(TlsEngines.class)::info);
        String dataDir = props.resolveProperty("bactrian.data-dir").orElse("data");
        // camel.metrics.enabled may have made it already; else Camel's metrics will use this one
        PrometheusMeterRegistry registry = camelContext.getRegistry()
                .lookupByNameAndType("metricsRegistry", PrometheusMeterRegistry.class);
        if (registry == null) {
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            camelContext.getRegistry().bind("metricsRegistry", registry);
        }
        MonitorMetrics metrics = new MonitorMetrics(registry);
        Database database = Database.of(camelContext);
        Duration retention = Durations.positive("history.retention", props.resolveProperty("history.retention").orElse("30d"));
        HistoryStore history = new HistoryStore(database.url(), database.user(), database.password(), retention,
                Integer.parseInt(props.resolveProperty("history.queue-size").orElse("10000").trim()), metrics);
        metrics.watch(history.writer());
        AlertQueue queue = new AlertQueue(database, Path.of(dataDir), Clock.systemUTC(),
                Durations.positive("channel.lease", props.resolveProperty("channel.lease").orElse("30s")), retention);
        metrics.watch(queue);
        camelContext.getRegistry().bind("alertQueue", queue);
        // the monitor lists, checked by StartupCheck before this runs
        MonitorCatalog catalog = new MonitorCatalog();
        catalog.replace(MonitorLists.read(camelContext, folder).monitors());
        camelContext.getRegistry().bind("monitorCatalog", catalog);
        // a monitor removed from the lists leaves /metrics and the overview; its history stays
        catalog.listen(change -> change.removed().forEach(m -> {
            metrics.forget(m.id());
            history.forget(m.id());
        }));
        if (Boolean.parseBoolean(props.resolveProperty("camel.main.routes-reload-enabled").orElse("false").strip())) {
            camelContext.addService(new MonitorReload(camelContext, catalog, folder,
                    Durations.positive("monitors.reload-interval", props.resolveProperty("monitors.reload-interval")
                            .orElse("1s")).toMillis()), true, true);
        }
        ChannelSenders senders = channelSenders(camelContext, queue, dataDir, catalog);
        camelContext.getRegistry().bind("channelSenders", senders);
        String zone = props.resolveProperty("bactrian.time-zone").orElse("").trim();
        // the users file's users and tokens, and the status page's login as one admin
        String usersFile = UsersSettingsCheck.file(props);
        Logins login = new Logins(folder.resolve(usersFile), usersFile, props.resolveProperty("status-page.username").orElse("admin"),
                props.resolveProperty("status-page.password").orElse(""));
        AuditLog audit = new AuditLog(database, Clock.systemUTC());
        ZoneId pageZone = zone.isEmpty() ? ZoneId.systemDefault() : ZoneId.of(zone);
        // each monitor's labels made once, not at each of the overview's requests for every monitor;
        // made again after the lists change
        Map<String, StatusView.Labels> labels = new ConcurrentHashMap<>();
        Map<String, Optional<MaintenanceWindows>> windows = new ConcurrentHashMap<>(); // likewise
        catalog.listen(change -> {
            labels.clear();
            windows.clear();
        });
        Predicate<String> inMaintenance = id -> windows.computeIfAbsent(id, key -> {
            Monitor m = catalog.get(key);
            return m == null ? Optional.empty()
                    : MaintenanceWindows.ofSettings(m.setting("maintenance"), m.setting("time-zone"), pageZone);
        }).map(w -> w.covers(Instant.now())).orElse(false);
        StatusView view = new StatusView(history, System::currentTimeMillis, inMaintenance,
                id -> labels.computeIfAbsent(id, key -> {
                    Monitor m = catalog.get(key);
                    return m == null ? StatusView.Labels.NONE
                            : new StatusView.Labels(m.setting("group"), m.tags(), m.setting("description"));
                }));
        StatusPage page = new StatusPage(props.resolveProperty("status-page.title").orElse("bactrian"), pageZone);
        StatusEndpoints endpoints = new StatusEndpoints(view, queue, page, registry, login);
        camelContext.getRegistry().bind("publicPages", new PublicPages(folder.resolve(props.resolveProperty(
                PublicPagesFile.SETTING).orElse(PublicPagesFile.DEFAULT).strip()), pageZone, view, catalog, page));
        camelContext.getRegistry().bind("monitorMetrics", metrics);
        camelContext.getRegistry().bind("history", history);
        camelContext.getRegistry().bind("statusEndpoints", endpoints);
        camelContext.getRegistry().bind("badgeEndpoints", new BadgeEndpoints(view, catalog, login));
        // the write API edits the files the reload reads, checked as the reload checks them
        camelContext.getRegistry().bind("monitorApi", new MonitorApi(camelContext,
                new MonitorListAccess(camelContext, folder), login, audit));
        camelContext.getRegistry().bind("alertApi", new AlertApi(camelContext, queue, login, audit));
        camelContext.getRegistry().bind("channelApi", new ChannelApi(senders, login, audit));
        camelContext.getRegistry().bind("accessApi", new AccessApi(login, audit));
        camelContext.getRegistry().bind("managePage", new ManagePage(login));
        // started with the context, stopped (queue flushed) when it stops
        camelContext.addService(history, true, true);
        HealthCheckHelper.getHealthCheckRegistry(camelContext).register(new HistoryHealthCheck(history));
        camelContext.addService(queue, true, true);
    }
}
