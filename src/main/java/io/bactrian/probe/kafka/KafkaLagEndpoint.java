package io.bactrian.probe.kafka;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.bactrian.core.CheckResult;
import io.bactrian.endpoint.StepEndpoint;
import io.bactrian.monitor.Monitor;
import org.apache.camel.Category;
import org.apache.camel.Exchange;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lag evaluation for one monitor; its history lives as long as the route. The body out is one
 * {@link CheckResult} per group, monitor {@code <route id>/<group>}, so that each group has its
 * own alert lifecycle: a second group going bad gets its own DOWN while another is down.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "kafka-lag", title = "Kafka Lag", syntax = "kafka-lag:label",
        category = {Category.MONITORING, Category.MESSAGING}, producerOnly = true)
public class KafkaLagEndpoint extends StepEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaLagEndpoint.class);
    @UriParam(description = "Lag limits per group and topic: *: lag > 10000, seconds > 300; orders: lag > 1000;"
            + " orders/payments: lag > 100")
    private String thresholds = "";
    @UriParam(description = "Statuses that fail the check, comma separated; empty: only thresholds do",
            defaultValue = "WARN,STALL,STOP,REWIND")
    private String alertStatuses = "WARN,STALL,STOP,REWIND";
    @UriParam(description = "Observations per partition the status is judged over", defaultValue = "10")
    private int window = 10;
    @UriParam(description = "Log-end points kept per partition for lag in seconds", defaultValue = "60")
    private int history = 60;
    @UriParam(description = "Lag at or below this counts as caught up for the status rules", defaultValue = "0")
    private long allowedLag;
    private LagTracker tracker;

    KafkaLagEndpoint(String uri, KafkaLagComponent component, String label) {
        super(uri, component, label);
    }

    LagTracker tracker() {
        if (allowedLag < 0) {
            throw new IllegalArgumentException("allowedLag must not be negative, got " + allowedLag);
        }
        return new LagTracker(history, window, allowedLag, LagThresholds.parse(thresholds), statuses(alertStatuses));
    }

    static Set<LagStatus> statuses(String text) {
        Set<LagStatus> set = EnumSet.noneOf(LagStatus.class);
        for (String s : text == null ? new String[0] : text.split(",")) {
            if (s.isBlank()) {
                continue;
            }
            try {
                set.add(LagStatus.valueOf(s.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("alertStatuses: unknown status '" + s.strip() + "', use "
                        + Arrays.stream(LagStatus.values()).map(Enum::name).collect(Collectors.joining(", ")));
            }
        }
        return set;
    }

    @Override
    protected void checkSettings() {
        tracker();
    }

    @Override
    protected void prepare() {
        tracker = tracker();
    }

    @Override
    protected void check(Exchange exchange) throws Exception {
        String monitor = Monitor.idOf(exchange);
        if (exchange.getMessage().getBody() instanceof OffsetsUnreadable unreadable) {
            exchange.getMessage().setBody(List.of(unreachable(monitor, unreadable)));
            return;
        }
        OffsetSnapshot snapshot = exchange.getMessage().getMandatoryBody(OffsetSnapshot.class);
        LagReport report = tracker.evaluate(snapshot);
        if (report.groups().isEmpty()) {
            LOG.warn("{}: no consumer group to watch at {}", monitor, report.source());
        }
        List<CheckResult> checks = new ArrayList<>();
        // the route's own monitor is the cluster: up while its offsets can be read
        checks.add(new CheckResult(monitor, "Kafka " + report.source(), report.at(), true, null, null,
                "offsets of " + report.groups().size() + " groups read", null));
        report.groups().forEach(g -> checks.add(judge(monitor + "/" + g.group(), report.of(g))));
        exchange.getMessage().setBody(checks);
    }

    static CheckResult unreachable(String monitor, OffsetsUnreadable unreadable) {
        String reason = "offsets not readable: " + unreadable.reason();
        return new CheckResult(monitor, "Kafka " + unreadable.source(), unreadable.at(), false, "unreachable", reason,
                reason, null);
    }

    /** The check of one group's report. */
    static CheckResult judge(String monitor, LagReport r) {
        LagReport.GroupLag g = r.groups().get(0);
        String target = "Kafka " + r.source() + " group " + g.group();
        String totals = g.group() + " lag " + LagReport.count(g.lag()) + " (" + LagReport.seconds(g.lagSeconds()) + " s) "
                + g.status();
        if (r.problems().isEmpty()) {
            return new CheckResult(monitor, target, r.at(), true, null, null, totals, r);
        }
        boolean statusOnly = r.problems().stream().noneMatch(p -> p.contains(" > "));
        String reason = r.problems().size() <= 3 ? String.join("; ", r.problems())
                : String.join("; ", r.problems().subList(0, 3)) + " and " + (r.problems().size() - 3) + " more";
        return new CheckResult(monitor, target, r.at(), false, statusOnly ? "consumer status" : "lag threshold", reason,
                reason + " | " + totals, r);
    }

    public String getThresholds() {
        return thresholds;
    }

    public void setThresholds(String thresholds) {
        this.thresholds = thresholds;
    }

    public String getAlertStatuses() {
        return alertStatuses;
    }

    public void setAlertStatuses(String alertStatuses) {
        this.alertStatuses = alertStatuses;
    }

    public int getWindow() {
        return window;
    }

    public void setWindow(int window) {
        this.window = window;
    }

    public int getHistory() {
        return history;
    }

    public void setHistory(int history) {
        this.history = history;
    }

    public long getAllowedLag() {
        return allowedLag;
    }

    public void setAllowedLag(long allowedLag) {
        this.allowedLag = allowedLag;
    }
}
