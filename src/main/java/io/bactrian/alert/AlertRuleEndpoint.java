package io.bactrian.alert;

import java.time.Duration;
import java.time.ZoneId;

import io.bactrian.core.CheckResult;
import io.bactrian.core.Durations;
import io.bactrian.endpoint.StepEndpoint;
import io.bactrian.monitor.Monitor;
import org.apache.camel.Category;
import org.apache.camel.Exchange;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;

/** One monitor's alert rule. The body in is a {@link CheckResult}; out is the due {@link AlertEvent} or null. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "alert-rule", title = "Alert Rule", syntax = "alert-rule:label",
        category = {Category.MONITORING}, producerOnly = true)
public class AlertRuleEndpoint extends StepEndpoint {
    public static final String ALERT_KIND = "BactrianAlertKind";

    @UriParam(description = "Failures in a row before the monitor is DOWN and a DOWN notice goes out", defaultValue = "3")
    private int failureThreshold = 3;
    @UriParam(description = "Successes in a row before a DOWN monitor is RESOLVED", defaultValue = "2")
    private int successThreshold = 2;
    @UriParam(description = "Least time between notices while down (30m, 1h); 0 turns reminders off", defaultValue = "1h",
            javaType = "java.time.Duration")
    private String reminderInterval = "1h";
    @UriParam(description = "Whether a RESOLVED notice goes out when the monitor is up again", defaultValue = "true")
    private boolean sendResolved = true;
    @UriParam(description = "Windows without alerts, separated by ;: start/end date-times, or a cron and how long (0 0 2 * * SUN for 2h)")
    private String maintenance = "";
    @UriParam(description = "Zone of maintenance windows written without an offset; default bactrian.time-zone")
    private String timeZone = "";
    private AlertRule rule;
    private MaintenanceWindows windows;
    private AlertBook book;
    private CheckListener listener;

    AlertRuleEndpoint(String uri, AlertRuleComponent component, String label) {
        super(uri, component, label);
    }

    MaintenanceWindows maintenance() {
        String zone = timeZone.isBlank() ? getCamelContext().resolvePropertyPlaceholders("{{bactrian.time-zone:}}")
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
    protected void checkSettings() {
        rule();
        maintenance();
    }

    @Override
    protected void prepare() {
        rule = rule();
        windows = maintenance();
        book = ((AlertRuleComponent) getComponent()).book();
        listener = ((AlertRuleComponent) getComponent()).getCheckListener();
    }

    @Override
    protected void check(Exchange exchange) throws Exception {
        CheckResult result = exchange.getMessage().getMandatoryBody(CheckResult.class);
        if (listener != null) {
            listener.checked(result);
        }
        // in maintenance the result is kept (history, logs) but the alert state stays put
        AlertEvent event = windows.covers(result.at()) ? null : book.record(rule, result).orElse(null);
        Monitor monitor = Monitor.of(exchange);
        if (event != null && monitor != null) {
            event = event.describedAs(monitor.setting("description"));
        }
        exchange.getMessage().setBody(event);
        exchange.getMessage().setHeader(ALERT_KIND, event == null ? null : event.kind().name());
    }

    public String getMaintenance() {
        return maintenance;
    }

    public void setMaintenance(String maintenance) {
        this.maintenance = maintenance;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public int getFailureThreshold() {
        return failureThreshold;
    }

    public void setFailureThreshold(int failureThreshold) {
        this.failureThreshold = failureThreshold;
    }

    public int getSuccessThreshold() {
        return successThreshold;
    }

    public void setSuccessThreshold(int successThreshold) {
        this.successThreshold = successThreshold;
    }

    public String getReminderInterval() {
        return reminderInterval;
    }

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
