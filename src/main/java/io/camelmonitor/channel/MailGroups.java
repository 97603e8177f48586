package io.camelmonitor.channel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.camelmonitor.alert.AlertEvent;
import io.camelmonitor.alert.AlertKind;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Groups the alert mails queued together into one mail, as the chat channels group their
 * messages: the oldest queued mail waits {@code mail.group-wait}, then it and every mail queued
 * behind it go out as one digest whose subject counts them and whose body lists each subject.
 * A wait of 0 sends each mail on its own.
 */
public class MailGroups {

    /** The oldest mail is still waiting for others; nothing was sent. */
    public static class Waiting extends Exception {
        public Waiting() {
            super("waiting for the group", null, false, false);
        }
    }

    private final AlertMail mail;
    private final Path queue;
    private final Duration wait;
    private final Clock clock;
    /** Queued mails that went out in an older mail's digest. */
    private final Set<String> sentWithOlder = ConcurrentHashMap.newKeySet();

    public MailGroups(AlertMail mail, Path queue, Duration wait, Clock clock) {
        this.mail = mail;
        this.queue = queue;
        this.wait = wait;
        this.clock = clock;
    }

    /**
     * What to send for a queued mail: the mail itself when it is alone, a digest of it and all
     * queued behind it, or null when it already went out in an older mail's digest.
     *
     * @throws Waiting an older mail is queued, or this one has not waited {@code mail.group-wait} yet
     */
    public byte[] next(byte[] eml, String file) throws Waiting, IOException, MessagingException {
        if (sentWithOlder.remove(file)) {
            return null;
        }
        List<String> queued = queued();
        // only the oldest goes out, so a later mail never overtakes an earlier one
        if (!queued.isEmpty() && !queued.get(0).equals(file) || clock.instant().isBefore(queuedAt(file).plus(wait))) {
            throw new Waiting();
        }
        if (queued.size() < 2 || wait.isZero()) {
            return eml;
        }
        List<MimeMessage> messages = new ArrayList<>();
        for (String name : queued) {
            messages.add(mail.parse(Files.readAllBytes(queue.resolve(name))));
        }
        byte[] digest = mail.composeGroup(messages, events(messages));
        sentWithOlder.addAll(queued.subList(1, queued.size()));
        return digest;
    }

    /** Just what the group's subject counts: each mail's monitor and kind, from its headers. */
    private static List<AlertEvent> events(List<MimeMessage> messages) throws MessagingException {
        List<AlertEvent> events = new ArrayList<>();
        for (MimeMessage m : messages) {
            AlertKind kind = AlertKind.valueOf(m.getHeader("X-Camel-Monitor-Alert", null).toUpperCase(Locale.ROOT));
            events.add(new AlertEvent(kind, m.getHeader("X-Camel-Monitor", null), null, null, null, null, null, null));
        }
        return events;
    }

    private List<String> queued() throws IOException {
        if (!Files.isDirectory(queue)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(queue)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".eml") && !n.startsWith("."))
                    .sorted(Comparator.naturalOrder()).toList();
        }
    }

    private Instant queuedAt(String file) {
        try {
            return Files.getLastModifiedTime(queue.resolve(file)).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }
}
