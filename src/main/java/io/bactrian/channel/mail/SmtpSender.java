package io.bactrian.channel.mail;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.bactrian.alert.AlertEvent;
import io.bactrian.channel.AlertMail;
import io.bactrian.channel.Delivery;
import io.bactrian.channel.GroupingSink;
import jakarta.mail.MessagingException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.apache.camel.support.service.ServiceHelper;

/**
 * The mail channel with {@code mail.host}: sends alert mails through camel-mail, several
 * queued together as one digest. The endpoint is built here rather than from a URI so that
 * credentials never sit in an endpoint URI (and so never in a log line), and so that an empty
 * user name means "no AUTH" instead of an empty login.
 */
public class SmtpSender implements GroupingSink {
    public enum Security { SSL, STARTTLS, NONE }

    /** An SMTP reply code that refuses for good (5xx: bad login, unknown recipient). */
    private static final Pattern PERMANENT = Pattern.compile("(?:^|\\D)(5\\d\\d)[ -]");

    private final CamelContext camelContext;
    private final AlertMail mail;
    private final SmtpSettings settings;
    private Producer producer;

    public SmtpSender(CamelContext camelContext, AlertMail mail, SmtpSettings settings) {
        this.camelContext = camelContext;
        this.mail = mail;
        this.settings = settings;
    }

    @Override
    public Delivery send(AlertEvent event) {
        try {
            return send(mail.compose(event));
        } catch (MessagingException | IOException e) {
            return Delivery.permanent("alert mail cannot be composed: " + e.getMessage());
        }
    }

    @Override
    public Delivery send(List<AlertEvent> events) {
        try {
            return send(mail.composeGroup(events));
        } catch (MessagingException | IOException e) {
            return Delivery.permanent("alert mail cannot be composed: " + e.getMessage());
        }
    }

    /** One attempt at the SMTP server; a 5xx reply is final, anything else is tried again. */
    private Delivery send(byte[] eml) {
        try {
            Exchange exchange = new org.apache.camel.support.DefaultExchange(camelContext);
            exchange.getMessage().setBody(mail.parse(eml));
            producer().process(exchange);
            if (exchange.getException() != null) {
                throw exchange.getException();
            }
            return Delivery.delivered();
        } catch (Exception e) {
            String said = messages(e);
            String reason = "SMTP " + settings.host() + ":" + settings.port() + ": " + said;
            Delivery d = PERMANENT.matcher(said).find() ? Delivery.permanent(reason) : Delivery.retry(reason);
            return d.redact(List.of(settings.password()));
        }
    }

    /** The causes' messages, one line: the server's reply is usually the innermost. */
    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 500; t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            if (sb.indexOf(m) < 0) {
                sb.append(sb.length() == 0 ? "" : ": ").append(m);
            }
        }
        return sb.toString().replaceAll("\\s+", " ");
    }

    private synchronized Producer producer() throws Exception {
        if (producer == null) {
            boolean ssl = settings.security() == Security.SSL;
            String protocol = ssl ? "smtps" : "smtp";
            MailEndpoint endpoint = camelContext.getEndpoint(
                    protocol + "://" + settings.host() + ":" + settings.port() + "?connectionTimeout="
                            + settings.timeoutMillis(),
                    MailEndpoint.class);
            MailConfiguration cfg = endpoint.getConfiguration();
            if (!settings.username().isEmpty()) {
                cfg.setUsername(settings.username());
                cfg.setPassword(settings.password());
            }
            if (settings.security() == Security.STARTTLS) {
                // required, not just enabled: otherwise a stripped STARTTLS silently sends in clear text
                cfg.getAdditionalJavaMailProperties().put("mail.smtp.starttls.enable", "true");
                cfg.getAdditionalJavaMailProperties().put("mail.smtp.starttls.required", "true");
            }
            if (settings.security() != Security.NONE) {
                cfg.getAdditionalJavaMailProperties()
                        .put("mail." + protocol + ".ssl.checkserveridentity", "true");
                if (!settings.trustStore().isEmpty()) {
                    cfg.setSslContextParameters(trust(settings));
                }
            }
            producer = endpoint.createProducer();
            ServiceHelper.startService(producer);
        }
        return producer;
    }

    private static SSLContextParameters trust(SmtpSettings settings) {
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("file:" + settings.trustStore());
        store.setPassword(settings.trustStorePassword());
        String name = settings.trustStore().toLowerCase(Locale.ROOT);
        store.setType(name.endsWith(".jks") ? "JKS" : "PKCS12");
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(store);
        SSLContextParameters params = new SSLContextParameters();
        params.setTrustManagers(trust);
        return params;
    }
}
