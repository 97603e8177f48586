package io.bactrian.config;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.bactrian.auth.UsersSettingsCheck;
import io.bactrian.api.KindSetting;
import io.bactrian.core.Problem;
import io.bactrian.core.SettingsCheck;
import io.bactrian.cron.ClusterSettingsCheck;
import io.bactrian.cron.TimeZoneSettingsCheck;
import io.bactrian.history.HistorySettingsCheck;
import io.bactrian.probe.speedtest.ProbeApiSettingsCheck;
import io.bactrian.web.PublicPagesFile;
import io.bactrian.web.ServerSettingsCheck;
import org.apache.camel.CamelContext;

/**
 * Collects what is wrong with application.properties, the route files and the monitor lists
 * before anything runs. It checks nothing itself: each capability checks its own settings
 * ({@link SettingsCheck}), {@link RouteFileCheck} the route files, {@link MonitorChecks} the
 * monitor lists.
 */
public class ConfigValidator {
    private final CheckContext checks;
    /** Each capability's check of its own settings, in the order their problems are listed. */
    private final List<SettingsCheck> settings;
    private final SpeedTestNodes speedTestNodes;
    private final RouteFileCheck routeFiles;

    /**
     * Checks what {@code context}'s properties name; relative route paths start at {@code base}.
     * The YAML DSL schema check takes seconds, so start-up leaves it to Camel's own parser.
     */
    public ConfigValidator(CamelContext context, Path base, boolean schemaCheck) {
        this.checks = new CheckContext(context, base);
        this.settings = List.of(new TimeZoneSettingsCheck(), new ClusterSettingsCheck(), new ServerSettingsCheck(),
                new UsersSettingsCheck(base), new HistorySettingsCheck(), new ProbeApiSettingsCheck(),
                new ChannelSettingsCheck(checks), new UndecodedValues());
        this.speedTestNodes = new SpeedTestNodes(checks);
        this.routeFiles = new RouteFileCheck(checks, schemaCheck, new References(checks), speedTestNodes);
    }

    /** The route files the include pattern names. */
    public List<Path> routeFiles() throws IOException {
        return RouteFiles.matching(checks.resolvePlaceholders("{{camel.main.routes-include-pattern:}}"), checks.base);
    }

    /** Every problem of the monitor lists, checked against the route files' kinds. */
    public List<Problem> validateMonitors() throws IOException {
        return new MonitorChecks(checks, speedTestNodes).check(routeFiles());
    }

    /** The problems the monitor lists would have with {@code texts} (absolute paths) written in place of their files. */
    public List<Problem> validateMonitors(java.util.Map<Path, String> texts) throws IOException {
        return new MonitorChecks(checks, speedTestNodes).check(routeFiles(),
                MonitorLists.read(checks.context, checks.base, texts));
    }

    /** Each kind's settings as its steps describe them, for a form of one monitor. */
    public Map<String, List<KindSetting>> kindSettings() throws IOException {
        return new KindSettings(checks).describe(KindRoutes.read(checks, routeFiles()));
    }

    /** Every problem in the properties and in the route files the include pattern names. */
    public List<Problem> validate() throws IOException {
        List<Problem> problems = new ArrayList<>();
        for (SettingsCheck check : settings) {
            problems.addAll(check.problems(checks.context.getPropertiesComponent()));
        }
        List<Path> routes = routeFiles();
        problems.addAll(validateRoutes(routes));
        problems.addAll(new MonitorChecks(checks, speedTestNodes).check(routes));
        problems.addAll(publicPages());
        return problems;
    }

    /** The public status pages' problems, the groups and monitors they name checked against the monitor lists. */
    private List<Problem> publicPages() throws IOException {
        Path file = checks.base.resolve(checks.property(PublicPagesFile.SETTING, PublicPagesFile.DEFAULT).strip());
        ZoneId zone;
        try {
            String id = checks.property("bactrian.time-zone", "").strip();
            zone = id.isEmpty() ? ZoneId.systemDefault() : ZoneId.of(id);
        } catch (DateTimeException e) {
            zone = ZoneId.systemDefault(); // the time-zone check says what is wrong with it
        }
        return PublicPagesFile.load(file, checks.name(file), zone,
                MonitorLists.read(checks.context, checks.base).monitors()).problems();
    }

    /** Every problem in these route files. */
    public List<Problem> validateRoutes(List<Path> files) {
        return routeFiles.problems(files);
    }

    /**
     * What is not wrong but likely a mistake: keys of application.properties that nothing reads,
     * monitors still written as one route each, and channel lists without mail.
     */
    public List<Problem> warnings() throws IOException {
        List<Path> routes = routeFiles();
        Set<String> declared = new TreeSet<>();
        settings.forEach(check -> declared.addAll(check.keys()));
        List<Problem> warnings = new ArrayList<>(UnknownKeys.warnings(checks, routes, declared));
        warnings.addAll(TemplatedMonitors.warnings(checks, routes));
        warnings.addAll(MaillessChannelLists.warnings(checks));
        return warnings;
    }
}
