package io.bactrian.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * The alert mails a monitor without {@code mail.host} keeps in {@code <data-dir>/mail/sent/},
 * one {@code <time>-<monitor>-<KIND>.eml} each, read back as a mail client would.
 */
public final class LocalOutbox {
    private static final Session SESSION = Session.getInstance(new Properties());
    private final Path sent;

    public LocalOutbox(Path dataDir) {
        this.sent = dataDir.resolve("mail/sent");
    }

    /** The monitor's mails of one kind (DOWN, REMINDER, RESOLVED), oldest first. */
    public List<MimeMessage> mails(String monitor, String kind) throws IOException {
        if (!Files.isDirectory(sent)) {
            return List.of();
        }
        List<MimeMessage> mails = new ArrayList<>();
        try (Stream<Path> files = Files.list(sent)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith("-" + monitor + "-" + kind + ".eml"))
                    .sorted().toList()) {
                try (var in = Files.newInputStream(f)) {
                    mails.add(new MimeMessage(SESSION, in));
                } catch (jakarta.mail.MessagingException e) {
                    throw new IOException(f + ": " + e.getMessage(), e);
                }
            }
        }
        return mails;
    }

    /** Waits, bounded, for the monitor's {@code n}-th mail of that kind and returns it. */
    public MimeMessage await(String monitor, String kind, int n, long millis) throws Exception {
        Await.until(n + " " + kind + " mail(s) of " + monitor + " in " + sent, millis,
                () -> count(monitor, kind) >= n);
        return mails(monitor, kind).get(n - 1);
    }

    public int count(String monitor, String kind) {
        try {
            return mails(monitor, kind).size();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The plain-text part (the first). */
    public static String text(MimeMessage m) throws Exception {
        return (String) ((Multipart) m.getContent()).getBodyPart(0).getContent();
    }

    /** The HTML part (the last). */
    public static String html(MimeMessage m) throws Exception {
        Multipart parts = (Multipart) m.getContent();
        return (String) parts.getBodyPart(parts.getCount() - 1).getContent();
    }
}
