package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bactrian.testing.Await;
import io.bactrian.testing.CountingTarget;
import io.bactrian.testing.MonitorListProject;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.StatusApi;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Editing a monitor list of the running application (a process, as a user starts it): an added
 * monitor is checked, a changed one is rescheduled alone, a removed one stops, an edit with a
 * problem is refused with a line naming file, monitor and field and changes nothing; and a
 * monitor keeps its identity (alert state, status page entry) across a change of its url.
 */
class MonitorListReloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Starts the application in the folder and waits, bounded, until its routes run. */
    private MonitorProcess start() throws Exception {
        MonitorProcess.setProperty(dir, "monitors.reload-interval", "200");
        return MonitorProcess.startRunning(dir, List.of());
    }

    /** Waits for the {@code n}th stdout line that matches. */
    private static void awaitLines(MonitorProcess app, String what, int n, Predicate<String> line) throws Exception {
        Await.until(what + " (" + n + " line(s))", 60_000,
                () -> app.stdout().stream().filter(l -> line.test(l.text())).count() >= n);
    }

    private static long lines(MonitorProcess app, Predicate<String> line) {
        return app.stdout().stream().filter(l -> line.test(l.text())).count();
    }

    private static Predicate<String> reloaded(String change) {
        return l -> l.contains("Monitor lists reloaded: " + change);
    }

    /** Waits until {@code path} was asked at least twice more than now. */
    private static void awaitChecked(CountingTarget target, String path) throws InterruptedException {
        int now = target.requests(path);
        Await.until(path + " checked", 30_000, () -> target.requests(path) >= now + 2);
    }

    /**
     * {@code path} asked no more while {@code clock}, a monitor checked every second, was checked three
     * times: its monitor was stopped.
     */
    private static void assertNotChecked(CountingTarget target, String path, String clock) throws InterruptedException {
        awaitChecked(target, clock); // a check of path already handed to the pool arrives meanwhile
        int before = target.requests(path);
        int ticks = target.requests(clock);
        Await.until(clock + " checked three times", 30_000, () -> target.requests(clock) >= ticks + 3);
        assertEquals(before, target.requests(path), path + " is no longer checked");
    }

    @Test
    void addChangeRemoveAndABrokenEdit() throws Exception {
        int port = MonitorProcess.freePort();
        MonitorListProject.create(dir, port);
        try (CountingTarget target = new CountingTarget()) {
            String a = MonitorListProject.everySecond(List.of(), "alpha", target.url("/alpha"), "beta", target.url("/beta"));
            MonitorListProject.write(dir, "a.yaml", a);
            try (MonitorProcess app = start()) {
                awaitChecked(target, "/alpha");
                awaitChecked(target, "/beta");

                // add: a second file with one monitor
                MonitorListProject.write(dir, "b.yaml", MonitorListProject.everySecond(List.of(), "gamma", target.url("/gamma")));
                awaitLines(app, "gamma added", 1, reloaded("1 added, 0 changed, 0 removed"));
                awaitChecked(target, "/gamma");

                // change beta's url and cron: only beta is rescheduled
                String changed = a.replace(target.url("/beta") + "\"", target.url("/beta2") + "\"\n    cron: \"*/2 * * * * ? *\"");
                MonitorListProject.write(dir, "a.yaml", changed);
                awaitLines(app, "beta changed", 1, reloaded("0 added, 1 changed, 0 removed"));
                awaitChecked(target, "/beta2");
                assertNotChecked(target, "/beta", "/alpha");
                awaitChecked(target, "/alpha");
                awaitChecked(target, "/gamma");

                // remove gamma's file
                Files.delete(dir.resolve("monitors/b.yaml"));
                awaitLines(app, "gamma removed", 1, reloaded("0 added, 0 changed, 1 removed"));
                assertNotChecked(target, "/gamma", "/alpha");

                // a broken edit: refused with file, monitor and field; the running list stays
                MonitorListProject.write(dir, "a.yaml", changed.replace("*/2 * * * * ? *", "0 0 25 * * ? *")
                        .replace(target.url("/alpha"), target.url("/alpha2")));
                awaitLines(app, "the broken edit refused", 1,
                        l -> l.contains("ERROR") && l.contains("Monitor lists not reloaded: monitors/a.yaml: monitor 'beta': cron: "));
                long refusals = lines(app, l -> l.contains("Monitor lists not reloaded"));
                assertEquals(1, refusals, "one line for the one problem: " + app.stdoutText());
                awaitChecked(target, "/alpha");
                awaitChecked(target, "/beta2");
                assertEquals(0, target.requests("/alpha2"), "nothing of the broken edit is in force");
                long reloads = lines(app, l -> l.contains("Monitor lists reloaded"));
                assertEquals(3, reloads, app.stdoutText());

                // fixed: reloaded
                MonitorListProject.write(dir, "a.yaml", changed.replace(target.url("/alpha"), target.url("/alpha2")));
                awaitLines(app, "the fixed edit", 2, reloaded("0 added, 1 changed, 0 removed"));
                awaitChecked(target, "/alpha2");
                assertNotChecked(target, "/alpha", "/alpha2");
                awaitChecked(target, "/beta2");
            }
        }
    }

    /** The status page API's entries with this id. */
    private static List<JsonNode> entries(int port, String id) throws Exception {
        JsonNode list = JSON.readTree(StatusApi.get("http://127.0.0.1:" + port + "/api/monitors"));
        JsonNode monitors = list.isArray() ? list : list.path("monitors");
        List<JsonNode> found = new java.util.ArrayList<>();
        monitors.forEach(m -> {
            if (id.equals(m.path("id").asText())) {
                found.add(m);
            }
        });
        return found;
    }

    @Test
    void aMonitorKeepsItsIdentityAcrossAChangeOfUrl() throws Exception {
        int port = MonitorProcess.freePort();
        MonitorListProject.create(dir, port);
        try (CountingTarget target = new CountingTarget();
             TestServer hook = TestServer.answering(200, "ok")) {
            target.answer("/down", 500);
            target.answer("/other", 500);
            MonitorProcess.setProperty(dir, "alert.channels", "webhook");
            MonitorProcess.setProperty(dir, "channel.webhook.url", hook.url("/hook"));
            MonitorProcess.setProperty(dir, "channel.poll-delay", "100");
            MonitorProcess.setProperty(dir, "channel.group-wait", "0");
            List<String> thresholds = List.of("failure-threshold: 1", "success-threshold: 1", "reminder-interval: 1h");
            MonitorListProject.write(dir, "shop.yaml", MonitorListProject.everySecond(thresholds, "shop", target.url("/down")));
            try (MonitorProcess app = start()) {
                Await.until("the DOWN at the webhook", 60_000, () -> alerts(hook, "DOWN") == 1);
                assertEquals(1, entries(port, "shop").size());
                assertEquals("down", entries(port, "shop").get(0).path("state").asText(), entries(port, "shop").toString());

                // another failing url: the same monitor, still DOWN, no second DOWN
                MonitorListProject.write(dir, "shop.yaml",
                        MonitorListProject.everySecond(thresholds, "shop", target.url("/other")));
                awaitLines(app, "the url changed", 1, reloaded("0 added, 1 changed, 0 removed"));
                awaitChecked(target, "/other");
                awaitChecked(target, "/other");
                assertEquals(1, alerts(hook, "DOWN"), "still the one incident: " + hook.requests());
                assertEquals(0, alerts(hook, "RESOLVED"), hook.requests().toString());
                List<JsonNode> moved = entries(port, "shop");
                assertEquals(1, moved.size(), moved.toString());
                assertEquals("down", moved.get(0).path("state").asText(), moved.toString());
                assertTrue(moved.get(0).path("target").asText().endsWith("/other"), "its last check: " + moved);

                // the new target recovers: one RESOLVED
                target.answer("/other", 200);
                Await.until("the RESOLVED at the webhook", 30_000, () -> alerts(hook, "RESOLVED") >= 1);
                awaitChecked(target, "/other");
                Thread.sleep(1000); // a second RESOLVED would be delivered within this
                assertEquals(1, alerts(hook, "RESOLVED"), hook.requests().toString());
                assertEquals(1, alerts(hook, "DOWN"), hook.requests().toString());
                assertEquals(1, entries(port, "shop").size());
                assertEquals("up", entries(port, "shop").get(0).path("state").asText(), entries(port, "shop").toString());
            }
        }
    }

    /** Webhook requests for shop of an alert of this kind; the body is Alertmanager's (firing, resolved). */
    private static long alerts(TestServer hook, String kind) {
        String status = kind.equals("DOWN") ? "\"status\":\"firing\"" : "\"status\":\"resolved\"";
        return hook.requests().stream().filter(r -> r.body().contains("\"monitor\":\"shop\"") && r.body().contains(status))
                .count();
    }
}
