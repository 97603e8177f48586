package io.bactrian.channel.mail;

import java.util.Locale;


/**
 * How the SMTP server is reached, from the {@code mail.*} properties. Port 0 means the usual port of the chosen security:
 * 465 for implicit TLS, 587 for STARTTLS, 25 for plain SMTP.
 */
public record SmtpSettings(String host, int port, SmtpSender.Security security, String username, String password,
                           long timeoutMillis, String trustStore, String trustStorePassword) {

    public static SmtpSettings of(String host, int port, String security, String username, String password,
                                  long timeoutMillis, String trustStore, String trustStorePassword) {
        SmtpSender.Security sec;
        try {
            sec = SmtpSender.Security.valueOf(security.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mail.security must be ssl, starttls or none, not '" + security + "'");
        }
        int p = port != 0 ? port : switch (sec) {
            case SSL -> 465;
            case STARTTLS -> 587;
            case NONE -> 25;
        };
        return new SmtpSettings(host.trim(), p, sec, username.trim(), password, timeoutMillis, trustStore.trim(),
                trustStorePassword);
    }

    @Override
    public String toString() {
        // never print the password
        return "SmtpSettings[" + security + " " + host + ":" + port + (username.isEmpty() ? "" : " as " + username) + "]";
    }
}
