package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.bactrian.testing.Await;
import io.bactrian.testing.LocalOutbox;
import io.bactrian.testing.QueuedAlerts;
import io.bactrian.testing.RunningMonitor;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A copy of the demo monitor (it sends to {@code direct:notify})
 * through a whole incident, with mail chosen each way there is: one DOWN mail and one RESOLVED
 * mail in the local outbox, each queued once, whatever names mail.
 */
class MailOnceTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> waysToChooseMail() {
        return Stream.of(
                Arguments.of("no list", Map.of(), false),
                Arguments.of("alert.channels", Map.of("alert.channels", "mail"), false),
                Arguments.of("alert.channels.<monitor>", Map.of("alert.channels.shop", "mail"), false),
                Arguments.of("alert.channels.<monitor>.<kind>",
                        Map.of("alert.channels.shop.down", "mail", "alert.channels.shop.resolved", "mail"), false),
                Arguments.of("alert.channels.severity.<severity>", Map.of("alert.channels.severity.critical", "mail"),
                        false),
                Arguments.of("alert.channels.severity.<severity>.<kind>",
                        Map.of("alert.channels.severity.warning.down", "mail",
                                "alert.channels.severity.warning.resolved", "mail", "alert.severity.shop", "warning"),
                        false),
                Arguments.of("a route naming kamelet:channel-sink?channel=mail, and alert.channels",
                        Map.of("alert.channels", "mail"), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("waysToChooseMail")
    void oneMailPerAlert(String way, Map<String, String> lists, boolean routeNamesMailSink) throws Exception {
        AtomicInteger status = new AtomicInteger(503);
        try (TestServer target = TestServer.http((req, out) -> TestServer.respond(out, status.get(), "shop"))) {
            String route = RunningMonitor.copyOfDemoSite(tmp.resolve("routes"), "shop");
            if (routeNamesMailSink) {
                Path file = tmp.resolve("routes/shop.yaml");
                Files.writeString(file, Files.readString(file).replace("              - to: \"direct:notify\"\n",
                        "              - to: \"direct:notify\"\n              - to: \"kamelet:channel-sink?channel=mail\"\n"));
            }
            Map<String, String> p = RunningMonitor.quiet(tmp.resolve("data"));
            p.put("camel.main.routes-include-pattern", route + "," + RunningMonitor.alertRoutes());
            p.put("mail.host", ""); // the local outbox: one .eml file per mail
            p.put("channel.poll-delay", "100");
            RunningMonitor.checkEverySecond(p, target.url("/"), 1);
            p.putAll(lists);
            LocalOutbox outbox = new LocalOutbox(tmp.resolve("data"));
            try (RunningMonitor app = RunningMonitor.start(p)) {
                outbox.await("shop", "DOWN", 1, 20000);
                status.set(200);
                outbox.await("shop", "RESOLVED", 1, 20000);
                try (QueuedAlerts queue = new QueuedAlerts(tmp.resolve("data"))) {
                    // both alerts are queued by the checks that raised them, before their mails exist
                    Await.until("the mails sent", 5000, () -> queue.queued("mail") == 0);
                    assertEquals(2, queue.sent("mail"), way + ": each alert queued for mail once");
                }
            }
            assertEquals(1, outbox.count("shop", "DOWN"), way);
            assertEquals(1, outbox.count("shop", "RESOLVED"), way);
        }
    }
}
