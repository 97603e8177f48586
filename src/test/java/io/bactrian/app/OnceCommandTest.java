package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.MonitorProcess.Result;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code once} as a serverless timer runs it, one process per tick: results printed, exit code
 * from the results, and the alert state carried between runs so an incident is announced once.
 */
class OnceCommandTest {
    @TempDir
    Path dir;

    private Result once(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "once";
        System.arraycopy(args, 0, command, 1, args.length);
        return MonitorProcess.run(dir, Duration.ofSeconds(90),
                List.of("-Dcamel.server.port=" + MonitorProcess.freePort()), command);
    }

    private long mails(String kind) throws Exception {
        Path sent = dir.resolve("data/mail/sent");
        if (!Files.isDirectory(sent)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(sent)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-shop-" + kind + ".eml")).count();
        }
    }

    @Test
    void eachTickRunsOnceAndAnIncidentIsAnnouncedOnce() throws Exception {
        MonitorProcess.copyProject(dir);
        MonitorProcess.writeShopMonitor(dir, "failureThreshold", "2", "successThreshold", "1");
        try (TestServer target = TestServer.http((req, out) -> TestServer.respond(out, 503, "busy"))) {
            MonitorProcess.setProperty(dir, "shop.url", target.url("/"));

            Result first = once("shop");
            assertEquals(1, first.exitCode(), first.toString());
            assertTrue(first.stdout().stream().anyMatch(l -> l.matches("shop +DOWN +HTTP 503 \\(expected 200\\).*")),
                    first.toString());
            assertEquals(1, target.requests().size(), "one probe per run");
            assertEquals(0, mails("DOWN"), "one failure is below the threshold of 2");

            Result second = once("shop");
            assertEquals(1, second.exitCode(), second.toString());
            assertEquals(1, mails("DOWN"), "the second failing run, counted across runs, sends the DOWN");

            Result third = once("shop");
            assertEquals(1, third.exitCode());
            assertEquals(1, mails("DOWN"), "still down: no second DOWN");
        }
        try (TestServer target = TestServer.http((req, out) -> TestServer.respond(out, 200, "ok"))) {
            MonitorProcess.setProperty(dir, "shop.url", target.url("/"));
            Result up = once("shop");
            assertEquals(0, up.exitCode(), up.toString());
            assertEquals(1, mails("RESOLVED"), "recovered: one RESOLVED");
        }
        Result unknown = once("nosuch");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("no monitor named [nosuch]"), unknown.toString());
    }
}
