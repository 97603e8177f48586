package io.camelmonitor.channel;

import java.util.Locale;

import jakarta.mail.internet.MimeMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Sends a queued .eml through camel-mail. The endpoint is built here rather than from a URI
 * so that credentials never sit in an endpoint URI (and so never in a log line), and so that
 * an empty user name means "no AUTH" instead of an empty login.
 */
public class SmtpSender implements Processor, CamelContextAware {
    public enum Security { SSL, STARTTLS, NONE }

    private final AlertMail mail;
    private final MailSettings settings;
    private CamelContext camelContext;
    private Producer producer;

    public SmtpSender(AlertMail mail, MailSettings settings) {
        this.mail = mail;
        this.settings = settings;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        MimeMessage message = mail.parse(exchange.getMessage().getMandatoryBody(byte[].class));
        exchange.getMessage().setBody(message);
        producer().process(exchange);
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

    private static SSLContextParameters trust(MailSettings settings) {
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

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }
}
