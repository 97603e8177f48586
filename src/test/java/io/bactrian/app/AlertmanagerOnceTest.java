package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.bactrian.testing.Alertmanager;
import io.bactrian.testing.Await;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.MonitorProcess.Result;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code once} runs, one process each, alerting the real Alertmanager of the Debian package
 * (resolve_timeout 2 s): each run ends by posting the firing alert again, lasting four re-send
 * intervals, so the alert stays active from one run to the next, and ends at the run that
 * sends RESOLVED.
 */
class AlertmanagerOnceTest {
    @TempDir
    Path dir;

    private Result once() throws Exception {
        return MonitorProcess.run(dir.resolve("project"), Duration.ofSeconds(90),
                List.of("-Dcamel.server.port=" + MonitorProcess.freePort()), "once", "shop");
    }

    @Test
    void aFiringAlertLastsFromOneRunToTheNextAndEndsAtResolved() throws Exception {
        Assumptions.assumeTrue(Alertmanager.installed(), Alertmanager.NEEDED);
        Path project = MonitorProcess.copyProject(Files.createDirectories(dir.resolve("project")));
        MonitorProcess.writeShopMonitor(project, "failureThreshold", "1", "successThreshold", "1");
        try (Alertmanager am = Alertmanager.start(dir.resolve("alertmanager"), Duration.ofSeconds(2));
             TestServer down = TestServer.http((req, out) -> TestServer.respond(out, 503, "busy"));
             TestServer up = TestServer.answering(200, "ok")) {
            MonitorProcess.setProperty(project, "shop.url", down.url("/"));
            MonitorProcess.setProperty(project, "alert.channels", "alertmanager");
            MonitorProcess.setProperty(project, "channel.alertmanager.base-url", am.url());
            // each post keeps the alert 4 × 2 s
            MonitorProcess.setProperty(project, "channel.alertmanager.resend-interval", "2000");

            Result first = once();
            assertEquals(1, first.exitCode(), first.toString());
            JsonNode posted = am.active("MonitorDown", "shop");
            assertNotNull(posted, "the DOWN at Alertmanager: " + am.alerts());

            Instant secondStarted = Instant.now();
            Result second = once();
            assertEquals(1, second.exitCode(), second.toString());
            JsonNode again = am.active("MonitorDown", "shop");
            assertNotNull(again, "still firing: " + am.alerts());
            assertTrue(Instant.parse(again.get("updatedAt").asText()).isAfter(secondStarted),
                    "the second run posted it again: " + again);
            Instant firstEnd = Instant.parse(posted.get("endsAt").asText());
            Await.until("the first post's end to pass", 15_000, () -> Instant.now().isAfter(firstEnd.plusSeconds(1)));
            assertNotNull(am.active("MonitorDown", "shop"), "active past the first post's end: " + am.alerts());

            MonitorProcess.setProperty(project, "shop.url", up.url("/"));
            Result resolved = once();
            assertEquals(0, resolved.exitCode(), resolved.toString());
            assertNull(am.active("MonitorDown", "shop"), "ended by the run that sent RESOLVED: " + am.alerts());
        }
    }
}
