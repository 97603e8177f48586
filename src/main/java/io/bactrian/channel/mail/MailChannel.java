package io.bactrian.channel.mail;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.bactrian.channel.AlertMail;
import io.bactrian.channel.AlertSink;
import io.bactrian.channel.AlertText;
import io.bactrian.channel.Channel;
import io.bactrian.channel.ChannelProperties;
import io.bactrian.channel.MessageTemplates;
import io.bactrian.channel.SendContext;
import io.bactrian.channel.Setting;

/**
 * Alert mail: through the SMTP server of {@code mail.host}, or without one kept as .eml files
 * in the data folder's {@code mail/sent}, so a fresh install shows its alerts. Its settings
 * keep their {@code mail.*} keys.
 */
public final class MailChannel implements Channel<MailSettings> {
    @Override
    public String name() {
        return "mail";
    }

    @Override
    public String prefix() {
        return "mail.";
    }

    @Override
    public List<Setting> settings() {
        return List.of(Setting.optional("host"), Setting.optional("security"), Setting.optional("port"),
                Setting.optional("username"), Setting.optionalSecret("password"), Setting.optional("from"),
                Setting.optional("to"), Setting.optional("timeout"), Setting.optional("trust-store"),
                Setting.optionalSecret("trust-store-password"), Setting.optional("language"));
    }

    /** Without mail.group-wait each alert gets its own mail. */
    @Override
    public boolean groupsBacklog() {
        return false;
    }

    @Override
    public MailSettings read(ChannelProperties p) {
        return new MailSettings(p.get("host"), p.or("security", "ssl"), p.or("port", "0"), p.get("username"),
                p.get("password"), p.get("from"), p.get("to"), p.get("timeout"), p.get("trust-store"),
                p.get("trust-store-password"), p.or("language", "en"), p.global("channel.templates"),
                p.global("bactrian.time-zone"));
    }

    /** Mails in mail.language, with the users' mail templates of channel.templates. */
    @Override
    public AlertSink sink(MailSettings s, SendContext context) {
        Locale locale = Locale.forLanguageTag(s.language());
        AlertMail mail = new AlertMail(s.from(), s.to(), AlertText.zone(s.timeZone(), locale), locale,
                MessageTemplates.load(Path.of(s.templates().isEmpty() ? "templates" : s.templates())));
        if (s.host().isEmpty()) {
            return new LocalMailbox(context.services().dataDir().resolve("mail").resolve("sent"), mail);
        }
        return new SmtpSender(context.services().camel(), mail, s.smtp());
    }
}
