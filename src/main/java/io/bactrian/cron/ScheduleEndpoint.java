package io.bactrian.cron;

import java.time.ZoneId;
import java.util.Map;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.MultipleConsumersSupport;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * A monitor's timer: the cron expression as the user wrote it and the zone it is read in; or,
 * without a cron, the timer of every monitor of a kind ({@code schedule:http}), each on its own.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "schedule", title = "Schedule", syntax = "schedule:name",
        category = {Category.SCHEDULING, Category.MONITORING}, consumerOnly = true, lenientProperties = true)
public class ScheduleEndpoint extends DefaultEndpoint implements MultipleConsumersSupport {
    @UriPath(description = "The monitor's name; or, without a cron, the kind whose monitors it fires, each on its"
            + " own cron, with its other parameters as the kind's defaults")
    @Metadata(required = true)
    private final String name;
    @UriParam(description = "Seconds-first SCF (7 fields), FC (6 fields, optional CRON_TZ=) or classic crontab (5 fields)")
    private String cron;
    @UriParam(description = "Zone the cron is read in; CRON_TZ in the expression wins; default bactrian.time-zone")
    private String timeZone;
    private Map<String, String> defaults = Map.of();

    ScheduleEndpoint(String uri, ScheduleComponent component, String name) {
        super(uri, component);
        this.name = name;
    }

    /** The route's own schedule; null for a kind's route, which fires each monitor of the kind on its cron. */
    CronSchedule schedule() {
        return isKind() ? null : Crons.translate(cron);
    }

    /** {@code schedule:<kind>} without a cron: the route of every monitor of that kind in the monitor lists. */
    boolean isKind() {
        return cron == null || cron.isBlank();
    }

    /** CRON_TZ in the expression wins, then the endpoint's timeZone, then the global one. */
    ZoneId zone(CronSchedule schedule) {
        return Zones.of(getCamelContext()).of(schedule, timeZone);
    }

    /** Monitors made from one template share the URI; each route's consumer keeps its own triggers. */
    @Override
    public boolean isMultipleConsumersSupported() {
        return true;
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        ScheduleConsumer consumer = new ScheduleConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("schedule:" + name + " can only be consumed from");
    }

    /** A kind's route: its parameters other than the cron, under each monitor's own settings (kebab-case). */
    Map<String, String> defaults() {
        return defaults;
    }

    void setDefaults(Map<String, String> defaults) {
        this.defaults = Map.copyOf(defaults);
    }

    public String getName() {
        return name;
    }

    public String getCron() {
        return cron;
    }

    public void setCron(String cron) {
        this.cron = cron;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }
}
