package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.bactrian.testing.Await;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped project in its own JVM, killed with {@code kill -9} while a RESOLVED waits in the
 * alert queue for a WeCom robot that fails: after the restart the RESOLVED arrives once, and the
 * DOWN delivered before the crash is not sent again.
 */
class AlertQueueCrashTest {

    @TempDir
    Path dir;

    @Test
    void aKilledMonitorSendsWhatWasQueuedOnceAfterItsRestart() throws Exception {
        AtomicInteger status = new AtomicInteger(200);
        try (TestServer target = TestServer.http((request, out) -> TestServer.respond(out, status.get(), "hello"));
             ChannelOutboxTest.WeCom wecom = new ChannelOutboxTest.WeCom()) {
            MonitorProcess.copyProject(dir);
            Map.of("demo-site.url", target.url("/"),
                    "demo-site.cron", "* * * * * ? *",
                    "demo-site.failure-threshold", "1",
                    "demo-site.success-threshold", "1",
                    "alert.channels.demo-site", "wecom",
                    "channel.wecom.key", "crash-test-key",
                    "channel.wecom.base-url", wecom.server.url(""),
                    "channel.poll-delay", "200",
                    "channel.retry-delay", "300",
                    "channel.group-wait", "0").forEach((k, v) -> {
                        try {
                            MonitorProcess.setProperty(dir, k, v);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
            MonitorProcess.setProperty(dir, "channel.retry-max-delay", "1000");
            List<String> jvm = List.of("-Dcamel.server.port=" + MonitorProcess.freePort());
            try (MonitorProcess first = MonitorProcess.startRunning(dir, jvm)) {
                status.set(500);
                Await.until("the DOWN delivered", 30_000, () -> wecom.accepted("【告警】demo-site") == 1);
                wecom.answer(500, "busy");
                status.set(200);
                int before = wecom.server.requests().size();
                Await.until("the RESOLVED tried and refused twice", 20_000,
                        () -> wecom.server.requests().size() >= before + 2);
            } // kill -9: no shutdown hook runs, nothing is flushed
            assertEquals(0, wecom.accepted("【恢复】demo-site"));
            wecom.answer(200, ChannelOutboxTest.OK);
            try (MonitorProcess second = MonitorProcess.startRunning(dir, jvm)) {
                Await.until("the RESOLVED delivered after the restart", 30_000,
                        () -> wecom.accepted("【恢复】demo-site") == 1);
                Thread.sleep(3000); // time for anything sent twice to arrive
                assertTrue(second.stdoutText().contains("delivered to wecom"), second.stdoutText());
            }
            assertEquals(1, wecom.accepted("【告警】demo-site"), "no second DOWN: " + wecom.accepted);
            assertEquals(1, wecom.accepted("【恢复】demo-site"), "one RESOLVED: " + wecom.accepted);
            assertEquals(2, wecom.accepted.size(), "nothing else: " + wecom.accepted);
        }
    }
}
