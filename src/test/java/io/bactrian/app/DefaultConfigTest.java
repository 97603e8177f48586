package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import io.bactrian.testing.MeasuresTime;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.MonitorProcess.Line;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh install: {@code run} on the shipped configuration shows a whole incident of the demo
 * target offline within 30 seconds, one DOWN and one RESOLVED mail kept in the local outbox,
 * and stops on SIGTERM.
 */
@MeasuresTime
class DefaultConfigTest {
    static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void theDemoShowsAWholeIncident() throws Exception {
        MonitorProcess.copyProject(dir);
        try (MonitorProcess app = MonitorProcess.start(dir, List.of("-Dcamel.server.port=" + MonitorProcess.freePort()))) {
            Line resolved = await(app, l -> l.contains("Alert mail kept in the local outbox") && l.contains("RESOLVED"),
                    "the RESOLVED mail delivered");
            System.out.printf("default configuration: RESOLVED mail delivered %.1f s after the process started%n",
                    resolved.at().toMillis() / 1000.0);
            Line up = await(app, l -> l.contains("demo-site UP"), "a probe of the demo site");
            Line down = await(app, l -> l.contains("demo-site DOWN"), "the demo site going down");
            Line downMail = await(app, l -> l.contains("Alert mail kept in the local outbox") && l.contains("DOWN"),
                    "the DOWN mail delivered");
            assertTrue(up.at().compareTo(down.at()) <= 0, "probes ran before the target went down");
            assertTrue(down.at().compareTo(downMail.at()) <= 0, "the mail follows the probe");
            assertTrue(downMail.at().compareTo(resolved.at()) <= 0, "DOWN before RESOLVED");

            Path sent = dir.resolve("data/mail/sent");
            assertEquals("[DOWN] demo-site", subjectStart(onlyMail(sent, "-demo-site-DOWN.eml"), 16));
            assertEquals("[RESOLVED] demo-site", subjectStart(onlyMail(sent, "-demo-site-RESOLVED.eml"), 20));
            try (Stream<Path> files = Files.list(sent)) {
                assertEquals(2, files.count(), "nothing else in the outbox");
            }

            long before = System.nanoTime();
            int exit = app.stop(Duration.ofSeconds(15));
            System.out.printf("default configuration: exited %d %.1f s after SIGTERM%n", exit,
                    (System.nanoTime() - before) / 1e9);
            assertTrue(app.stdoutText().contains("is shutdown"), "a clean shutdown");
        }
    }

    private static Line await(MonitorProcess app, java.util.function.Predicate<String> test, String what)
            throws InterruptedException {
        Optional<Line> line = app.awaitStdout(test, LIMIT);
        return line.filter(l -> l.at().compareTo(LIMIT) <= 0).orElseThrow(() -> new AssertionError(
                "no log line for " + what + " within " + LIMIT + " of the process start:\n" + app.stdoutText()));
    }

    private static Path onlyMail(Path sent, String suffix) throws Exception {
        try (Stream<Path> files = Files.list(sent)) {
            List<Path> mails = files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
            assertEquals(1, mails.size(), "one *" + suffix + " in data/mail/sent: " + mails);
            return mails.get(0);
        }
    }

    private static String subjectStart(Path eml, int length) throws Exception {
        try (InputStream in = Files.newInputStream(eml)) {
            String subject = new MimeMessage(Session.getInstance(new Properties()), in).getSubject();
            assertTrue(subject.length() >= length, subject);
            return subject.substring(0, length);
        }
    }
}
