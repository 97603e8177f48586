package io.camelmonitor.channel;

import java.util.ArrayList;
import java.util.List;

import io.camelmonitor.check.Problem;
import io.camelmonitor.check.SettingsCheck;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.apache.camel.spi.PropertiesComponent;

/** The alert mails' server settings ({@link MailSettings}), their addresses and language. */
public final class MailSettingsCheck implements SettingsCheck {
    @Override
    public List<Problem> problems(PropertiesComponent properties) {
        List<Problem> problems = new ArrayList<>();
        String port = SettingsCheck.value(properties, "mail.port", "0");
        try {
            MailSettings.of(SettingsCheck.value(properties, "mail.host", ""), Integer.parseInt(port),
                    SettingsCheck.value(properties, "mail.security", "ssl"), "", "", 0, "", "");
        } catch (NumberFormatException e) {
            problems.add(SettingsCheck.problem("mail.port", "not a port number: '" + port + "'"));
        } catch (IllegalArgumentException e) {
            problems.add(SettingsCheck.problem("mail.security", e.getMessage()));
        }
        for (String key : List.of("mail.from", "mail.to")) {
            String value = SettingsCheck.value(properties, key, "");
            try {
                if (value.isBlank()) {
                    problems.add(SettingsCheck.problem(key, "is not set: alert mails need it"));
                } else {
                    InternetAddress.parse(value, true);
                }
            } catch (AddressException e) {
                problems.add(SettingsCheck.problem(key, "not an e-mail address list: " + e.getMessage()));
            }
        }
        SettingsCheck.positiveDuration(properties, "mail.timeout", "10s", problems);
        String language = SettingsCheck.value(properties, "mail.language", "en").strip();
        if (!language.isEmpty() && !MessageTemplates.LANGUAGES.contains(language)) {
            problems.add(SettingsCheck.problem("mail.language", "must be zh-CN or en, not '" + language + "'"));
        }
        return problems;
    }
}
