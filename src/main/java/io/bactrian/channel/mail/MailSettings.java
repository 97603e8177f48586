package io.bactrian.channel.mail;

import java.util.ArrayList;
import java.util.List;

import io.bactrian.channel.ChannelSettings;
import io.bactrian.channel.MessageTemplates;
import io.bactrian.channel.SettingProblem;
import io.bactrian.core.Durations;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * The {@code mail.*} properties: the SMTP server (none: mails are kept in the local mailbox),
 * how it is reached, who the mails are from and to, their language; and the two settings mail
 * shares with the other channels, {@code channel.templates} and {@code bactrian.time-zone}.
 */
public record MailSettings(String host, String security, String port, String username, String password, String from,
                           String to, String timeout, String trustStore, String trustStorePassword, String language,
                           String templates, String timeZone)
        implements ChannelSettings {

    @Override
    public List<SettingProblem> validate() {
        List<SettingProblem> problems = new ArrayList<>();
        try {
            smtp();
        } catch (NumberFormatException e) {
            problems.add(new SettingProblem("port", "not a port number: '" + port + "'"));
        } catch (IllegalArgumentException e) {
            problems.add(new SettingProblem("security", e.getMessage()));
        }
        for (String[] address : new String[][] {{"from", from}, {"to", to}}) {
            try {
                if (address[1].isEmpty()) {
                    problems.add(new SettingProblem(address[0], "is not set: alert mails need it"));
                } else {
                    InternetAddress.parse(address[1], true);
                }
            } catch (AddressException e) {
                problems.add(new SettingProblem(address[0], "not an e-mail address list: " + e.getMessage()));
            }
        }
        if (!MessageTemplates.LANGUAGES.contains(language)) {
            problems.add(new SettingProblem("language", "must be zh-CN or en, not '" + language + "'"));
        }
        return problems;
    }

    /**
     * How the SMTP server is reached.
     *
     * @throws IllegalArgumentException for a port that is not a number or an unknown security
     */
    SmtpSettings smtp() {
        return SmtpSettings.of(host, Integer.parseInt(port), security, username, password,
                timeout.isEmpty() ? 10_000 : Durations.positive("mail.timeout", timeout).toMillis(), trustStore, trustStorePassword);
    }

    @Override
    public String toString() {
        // never the password
        return "Mail[" + (host.isEmpty() ? "local mailbox" : security + " " + host + ":" + port) + ", to " + to + "]";
    }
}
