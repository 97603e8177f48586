package io.camelmonitor;

import java.time.Clock;
import java.time.ZoneId;

import io.camelmonitor.channel.AlertMail;
import io.camelmonitor.channel.ChannelSenders;
import io.camelmonitor.channel.MailSettings;
import io.camelmonitor.channel.SmtpSender;
import io.camelmonitor.demo.DemoTarget;
import io.camelmonitor.node.NodeLists;
import io.camelmonitor.node.NodeProbers;
import io.camelmonitor.node.ProbeApi;
import io.camelmonitor.probe.HttpProbe;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/** The beans the route files call, configured from application.properties. */
public class MonitorConfiguration implements CamelConfiguration {

    @BindToRegistry
    public AlertMail alertMail(@PropertyInject("mail.from") String from, @PropertyInject("mail.to") String to,
                               @PropertyInject(value = "camel-monitor.time-zone", defaultValue = "") String zone) {
        return new AlertMail(from, to, zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone));
    }

    @BindToRegistry
    public SmtpSender smtp(AlertMail alertMail,
                           @PropertyInject(value = "mail.host", defaultValue = "") String host,
                           @PropertyInject(value = "mail.port", defaultValue = "0") int port,
                           @PropertyInject(value = "mail.security", defaultValue = "ssl") String security,
                           @PropertyInject(value = "mail.username", defaultValue = "") String username,
                           @PropertyInject(value = "mail.password", defaultValue = "") String password,
                           @PropertyInject(value = "mail.timeout", defaultValue = "10000") long timeout,
                           @PropertyInject(value = "mail.trust-store", defaultValue = "") String trustStore,
                           @PropertyInject(value = "mail.trust-store-password", defaultValue = "") String trustStorePassword) {
        return new SmtpSender(alertMail,
                MailSettings.of(host, port, security, username, password, timeout, trustStore, trustStorePassword));
    }

    /** The chat, SMS and webhook channels of alert.channels, built from channel.* on first use. */
    @BindToRegistry
    public ChannelSenders channelSenders(CamelContext context) {
        return new ChannelSenders(key -> context.getPropertiesComponent().resolveProperty(key).orElse(""),
                Clock.systemUTC());
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
    public ProbeApi probeApi(@PropertyInject(value = "probe-api.token", defaultValue = "") String token,
                             @PropertyInject(value = "probe-api.allow-private-targets", defaultValue = "false")
                             boolean allowPrivateTargets) {
        return new ProbeApi(token, allowPrivateTargets, new HttpProbe());
    }
}
