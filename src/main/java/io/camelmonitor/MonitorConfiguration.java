package io.camelmonitor;

import java.time.ZoneId;

import io.camelmonitor.channel.AlertMail;
import io.camelmonitor.channel.MailSettings;
import io.camelmonitor.channel.SmtpSender;
import io.camelmonitor.demo.DemoTarget;
import io.camelmonitor.node.NodeLists;
import io.camelmonitor.node.NodeProbers;
import io.camelmonitor.node.ProbeApi;
import io.camelmonitor.probe.HttpProbe;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/** The beans the route files call, configured from application.properties. */
public class MonitorConfiguration implements CamelConfiguration {

    /** A property that may be left out: @PropertyInject takes an empty default for none. */
    private static String optional(CamelContext context, String key) {
        return context.getPropertiesComponent().resolveProperty(key).orElse("");
    }

    @BindToRegistry
    public AlertMail alertMail(CamelContext context, @PropertyInject("mail.from") String from,
                               @PropertyInject("mail.to") String to) {
        String zone = optional(context, "camel-monitor.time-zone");
        return new AlertMail(from, to, zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone));
    }

    @BindToRegistry
    public SmtpSender smtp(CamelContext context, AlertMail alertMail,
                           @PropertyInject(value = "mail.port", defaultValue = "0") int port,
                           @PropertyInject(value = "mail.security", defaultValue = "ssl") String security,
                           @PropertyInject(value = "mail.timeout", defaultValue = "10000") long timeout) {
        return new SmtpSender(alertMail, MailSettings.of(optional(context, "mail.host"), port, security,
                optional(context, "mail.username"), optional(context, "mail.password"), timeout,
                optional(context, "mail.trust-store"), optional(context, "mail.trust-store-password")));
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
                             @PropertyInject(value = "probe-api.allow-private-targets", defaultValue = "false")
                             boolean allowPrivateTargets) {
        return new ProbeApi(optional(context, "probe-api.token"), allowPrivateTargets, new HttpProbe());
    }
}
