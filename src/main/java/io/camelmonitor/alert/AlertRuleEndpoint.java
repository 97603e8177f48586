package io.camelmonitor.alert;

import java.time.Duration;
import java.time.ZoneId;

import io.camelmonitor.check.Durations;
import io.camelmonitor.endpoint.PerMonitor;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

/** One monitor's alert rule. The body in is a {@link CheckResult}; out is the due {@link AlertEvent} or null. */
public class AlertRuleEndpoint extends DefaultEndpoint {
    public static final String ALERT_KIND = "CamelMonitorAlertKind";

    private final String label;
    private int failureThreshold = 3;
    private int successThreshold = 2;
    private String reminderInterval = "1h";
    private boolean sendResolved = true;
    private String maintenance = "";
    private String timeZone = "";

    AlertRuleEndpoint(String uri, AlertRuleComponent component, String label) {
        super(uri, component);
        this.label = label;
    }

    MaintenanceWindows maintenance() {
        String zone = timeZone.isBlank() ? getCamelContext().resolvePropertyPlaceholders("{{camel-monitor.time-zone:}}")
                : timeZone;
        try {
            return MaintenanceWindows.parse(maintenance, zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone));
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("timeZone '" + zone + "': unknown time zone");
        }
    }

    AlertRule rule() {
        return new AlertRule(failureThreshold, successThreshold, Durations.zeroOrMore("reminderInterval", reminderInterval),
                sendResolved);
    }

    @Override
    public Producer createProducer() throws Exception {
        return PerMonitor.producer(this, label, this::ownProducer);
    }

    private Producer ownProducer() {
        AlertRule rule = rule();
        MaintenanceWindows windows = maintenance();
        AlertBook book = ((AlertRuleComponent) getComponent()).book();
        CheckListener listener = ((AlertRuleComponent) getComponent()).checkListener();
        return new DefaultProducer(this) {
            @Override
            public void process(org.apache.camel.Exchange exchange) throws Exception {
                CheckResult result = exchange.getMessage().getMandatoryBody(CheckResult.class);
                if (listener != null) {
                    listener.checked(result);
                }
                // in maintenance the result is kept (history, logs) but the alert state stays put
                AlertEvent event = windows.covers(result.at()) ? null : book.record(rule, result).orElse(null);
                exchange.getMessage().setBody(event);
                exchange.getMessage().setHeader(ALERT_KIND, event == null ? null : event.kind().name());
            }
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("alert-rule:" + label + " can only be sent to");
    }

    public String getLabel() {
        return label;
    }

    public String getMaintenance() {
        return maintenance;
    }

    /** Windows without alerts: {@code start/end} ranges or {@code <cron> for <duration>}, separated by {@code ;}. */
    public void setMaintenance(String maintenance) {
        this.maintenance = maintenance;
    }

    public String getTimeZone() {
        return timeZone;
    }

    /** Zone of maintenance windows written without an offset; default camel-monitor.time-zone. */
    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public int getFailureThreshold() {
        return failureThreshold;
    }

    /** Failures in a row before the monitor is DOWN and a DOWN notice goes out. */
    public void setFailureThreshold(int failureThreshold) {
        this.failureThreshold = failureThreshold;
    }

    public int getSuccessThreshold() {
        return successThreshold;
    }

    /** Successes in a row before a DOWN monitor is RESOLVED. */
    public void setSuccessThreshold(int successThreshold) {
        this.successThreshold = successThreshold;
    }

    public String getReminderInterval() {
        return reminderInterval;
    }

    /** Least time between notices while down ("30m", "1h"); 0 turns reminders off. */
    public void setReminderInterval(String reminderInterval) {
        this.reminderInterval = reminderInterval;
    }

    public boolean isSendResolved() {
        return sendResolved;
    }

    public void setSendResolved(boolean sendResolved) {
        this.sendResolved = sendResolved;
    }
}
