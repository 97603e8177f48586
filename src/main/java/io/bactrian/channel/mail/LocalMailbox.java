package io.bactrian.channel.mail;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.bactrian.alert.AlertEvent;
import io.bactrian.channel.AlertMail;
import io.bactrian.channel.AlertSink;
import io.bactrian.channel.Delivery;
import jakarta.mail.MessagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail channel without {@code mail.host}: each alert mail is kept as an .eml file a mail
 * client opens, {@code <time>-<monitor>-<KIND>.eml} in the data folder's {@code mail/sent},
 * so a fresh install shows its alerts without any server.
 */
public class LocalMailbox implements AlertSink {
    private static final Logger LOG = LoggerFactory.getLogger(LocalMailbox.class);
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final AlertMail mail;

    public LocalMailbox(Path dir, AlertMail mail) {
        this.dir = dir;
        this.mail = mail;
    }

    @Override
    public Delivery send(AlertEvent event) {
        try {
            byte[] eml = mail.compose(event);
            Files.createDirectories(dir);
            // a monitor id may hold "/" (kafka-lag/orders)
            String name = "-" + event.monitor().replace('/', '_') + "-" + event.kind() + ".eml";
            for (int n = 1; ; n++) {
                Path file = dir.resolve(NAME_TIME.format(event.at()) + (n == 1 ? "" : "." + n) + name);
                try {
                    Files.write(file, eml, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    LOG.info("Alert mail kept in the local outbox: {} (set mail.host to send it)", file);
                    return Delivery.delivered();
                } catch (FileAlreadyExistsException e) {
                    // the same monitor and kind within a millisecond: the next name
                }
            }
        } catch (MessagingException e) {
            return Delivery.permanent("alert mail cannot be composed: " + e.getMessage());
        } catch (IOException e) {
            return Delivery.retry("cannot write to " + dir + ": " + e.getMessage());
        }
    }
}
