package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.bactrian.testing.StatusApi.find;
import static io.bactrian.testing.StatusApi.get;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bactrian.testing.Await;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.RunningMonitor;
import io.bactrian.testing.TestServer;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped page-watch route against a local novel page that changes between looks: the
 * first look and noise-only changes send nothing; each real change sends exactly one NOTICE
 * mail naming the new chapters with their absolute links; a restart sends nothing; the status
 * page and its JSON API show the watch.
 */
class PageWatchRouteTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final AtomicReference<String> page = new AtomicReference<>();

    private static String novel(int chapters, int reads) {
        StringBuilder html = new StringBuilder("<html><body><h1>The Long Road</h1><p>Updated 2026-11-24 0")
                .append(reads % 10).append(":00</p><ul class=\"chapters\">");
        for (int i = 1; i <= chapters; i++) {
            html.append("<li><a href=\"/book/1/").append(i).append(".html\">Chapter ").append(i)
                    .append("</a> <span>").append(reads * i).append(" reads</span></li>");
        }
        return html.append("</ul></body></html>").toString();
    }

    @Test
    void oneNoticePerChangeWithTheNewChaptersNoneForNoiseNoneAfterRestart() throws Exception {
        page.set(novel(2, 10));
        try (TestServer site = TestServer.http((request, out) -> TestServer.respond(out, 200, page.get(),
                "Content-Type: text/html; charset=utf-8"))) {
            int port = MonitorProcess.freePort();
            Map<String, String> p = RunningMonitor.quiet(tmp.resolve("data"));
            p.put("mail.host", ""); // alert mails stay in the local outbox, data/mail/sent
            p.put("camel.server.enabled", "true");
            p.put("camel.server.port", String.valueOf(port));
            p.put("camel.main.routes-include-pattern", String.join(",", RunningMonitor.projectRoute("page-watch.yaml"),
                    RunningMonitor.alertRoutes(), RunningMonitor.projectRoute("status-page.yaml")));
            p.put("page-watch.url", site.url("/book/1/"));
            p.put("page-watch.select", "ul.chapters li");
            p.put("page-watch.ignore", "\\d+ reads");
            p.put("page-watch.cron", "* * * * * ? *");

            try (RunningMonitor app = RunningMonitor.start(p)) {
                looks(site, 2);
                assertEquals(List.of(), mails(), "the first look records and stays quiet");

                page.set(novel(2, 37)); // only the counters and the date changed
                looks(site, 3);
                assertEquals(List.of(), mails(), "noise-only changes send nothing");

                page.set(novel(3, 40));
                Await.until("a notice for chapter 3", 20_000, () -> mails().size() == 1);
                looks(site, 3);
                List<String[]> mails = mails();
                assertEquals(1, mails.size(), "one notice per change");
                assertEquals("[NOTICE] page-watch: 1 new: Chapter 3 120 reads", mails.get(0)[0]);
                assertTrue(mails.get(0)[1].contains(site.url("/book/1/3.html")), "absolute link: " + mails.get(0)[1]);
                assertTrue(!mails.get(0)[1].contains("Chapter 2 "), "only what is new: " + mails.get(0)[1]);

                page.set(novel(5, 41));
                Await.until("a notice for chapters 4 and 5", 20_000, () -> mails().size() == 2);
                looks(site, 3);
                assertEquals(2, mails().size());
                assertEquals("[NOTICE] page-watch: 2 new: Chapter 4 164 reads · Chapter 5 205 reads", mails().get(1)[0]);

                String base = "http://127.0.0.1:" + port;
                JsonNode watch = find(JSON.readTree(get(base + "/api/monitors")), "page-watch");
                assertEquals("up", watch.path("state").asText(), watch.toString());
                assertTrue(watch.path("latencyMs").asDouble() > 0, watch.toString());
                assertTrue(get(base + "/").contains("page-watch"));
            }

            try (RunningMonitor again = RunningMonitor.start(p)) {
                looks(site, 3);
                assertEquals(2, mails().size(), "nothing new after a restart: " + mails());
            }
        }
    }

    /** Waits for {@code n} more looks at the page. */
    private static void looks(TestServer site, int n) throws InterruptedException {
        int until = site.requests().size() + n;
        Await.until(n + " looks at the page", 20_000, () -> site.requests().size() >= until);
    }

    /** Subject and plain-text body of every mail in the local outbox, oldest first. */
    private List<String[]> mails() {
        Path sent = tmp.resolve("data/mail/sent");
        List<String[]> mails = new ArrayList<>();
        if (!Files.isDirectory(sent)) {
            return mails;
        }
        try (Stream<Path> files = Files.list(sent)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".eml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), in);
                    jakarta.mail.Multipart parts = (jakarta.mail.Multipart) m.getContent();
                    mails.add(new String[] {m.getSubject(), String.valueOf(parts.getBodyPart(0).getContent())});
                }
            }
        } catch (IOException | jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
        return mails;
    }
}
