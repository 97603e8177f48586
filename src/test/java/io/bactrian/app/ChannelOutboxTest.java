package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bactrian.testing.Await;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.QueuedAlerts;
import io.bactrian.testing.RunningMonitor;
import io.bactrian.testing.TestLog;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo monitor with a WeCom robot in alert.channels, against a fake WeCom that answers as
 * the real one does: alerts wait in the alert queue while it fails, arrive once and in order
 * when it is back, survive a restart, and a refused key is given up at once without the key
 * reaching the log. The status page and {@code /api/alerts} show what was refused and what waits.
 */
class ChannelOutboxTest {
    static final String OK = "{\"errcode\":0,\"errmsg\":\"ok\"}";

    @TempDir
    Path tmp;

    /** A fake WeCom robot; what it answers can be changed while the test runs. */
    static final class WeCom implements AutoCloseable {
        final AtomicReference<Object[]> answer = new AtomicReference<>(new Object[] {200, OK});
        final List<String> accepted = new CopyOnWriteArrayList<>();
        final TestServer server;

        WeCom() throws IOException {
            server = TestServer.http((request, out) -> {
                Object[] a = answer.get();
                if ((int) a[0] == 200 && OK.equals(a[1])) {
                    accepted.add(request.body());
                }
                TestServer.respond(out, (int) a[0], (String) a[1], "Content-Type: application/json");
            });
        }

        void answer(int status, String body) {
            answer.set(new Object[] {status, body});
        }

        long accepted(String title) {
            return accepted.stream().filter(b -> b.contains(title)).count();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private Map<String, String> properties(String routes, TestServer target, WeCom wecom, String key) {
        Map<String, String> p = RunningMonitor.quiet(tmp.resolve("data"));
        p.put("camel.main.routes-include-pattern", routes);
        p.put("mail.host", ""); // mail stays in the local outbox: this test is about the channels
        RunningMonitor.checkEverySecond(p, target.url("/"), 2);
        p.put("alert.channels", "wecom");
        p.put("channel.wecom.key", key);
        p.put("channel.wecom.base-url", wecom.server.url(""));
        p.put("channel.poll-delay", "100");
        p.put("channel.retry-delay", "300");
        p.put("channel.retry-max-delay", "1000");
        p.put("channel.group-wait", "0"); // grouping has its own tests
        return p;
    }

    @Test
    void queuedAlertSurvivesARestartAndArrivesOnce() throws Exception {
        AtomicInteger status = new AtomicInteger(200);
        try (TestServer target = TestServer.http((request, out) -> TestServer.respond(out, status.get(), "hello"));
             WeCom wecom = new WeCom(); QueuedAlerts queue = new QueuedAlerts(tmp.resolve("data"))) {
            String routes = RunningMonitor.copyOfDemoSite(tmp.resolve("routes"), "shop") + "," + RunningMonitor.alertRoutes();
            try (RunningMonitor app = RunningMonitor.start(properties(routes, target, wecom, "wecom-key-1"))) {
                wecom.answer(500, "busy");
                status.set(500);
                Await.until("the DOWN alert queued", 8000, () -> queue.queued("wecom") == 1);
                Await.until("retries", 8000, () -> wecom.server.requests().size() >= 2);
                wecom.answer(200, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}");
                int before = wecom.server.requests().size();
                Await.until("a retry answered 45009", 8000, () -> wecom.server.requests().size() > before);
                assertEquals(1, queue.queued("wecom"), "still queued");
                assertEquals(0, wecom.accepted.size());
                // 45009 asks for a minute's rest: stop the app with the alert still queued
            }
            wecom.answer(200, OK);
            try (RunningMonitor app = RunningMonitor.start(properties(routes, target, wecom, "wecom-key-1"))) {
                Await.until("the DOWN alert delivered", 8000, () -> wecom.accepted("【告警】") == 1);
                status.set(200);
                Await.until("the RESOLVED alert delivered", 10000, () -> wecom.accepted("【恢复】") == 1);
                Await.until("both marked sent", 10000, () -> queue.sent("wecom") == 2);
            }
            assertEquals(2, wecom.accepted.size(), "exactly once each: " + wecom.accepted);
            assertTrue(wecom.accepted.get(0).contains("【告警】shop"), wecom.accepted.get(0));
            assertTrue(wecom.accepted.get(1).contains("【恢复】shop"), "RESOLVED after DOWN: " + wecom.accepted);
            assertTrue(wecom.server.requests().get(0).target().startsWith("/cgi-bin/webhook/send?key=wecom-key-1"));
            assertEquals(0, queue.queued("wecom"), "the queue is empty");
            assertEquals(2, queue.sent("wecom"));
        }
    }

    @Test
    void alertWaitsWhileWeComFailsThenArrivesOnceAndInOrder() throws Exception {
        AtomicInteger status = new AtomicInteger(200);
        try (TestServer target = TestServer.http((request, out) -> TestServer.respond(out, status.get(), "hello"));
             WeCom wecom = new WeCom(); QueuedAlerts queue = new QueuedAlerts(tmp.resolve("data"))) {
            String routes = RunningMonitor.copyOfDemoSite(tmp.resolve("routes"), "shop") + "," + RunningMonitor.alertRoutes();
            try (RunningMonitor app = RunningMonitor.start(properties(routes, target, wecom, "wecom-key-2"))) {
                wecom.answer(500, "busy");
                status.set(500);
                Await.until("retries", 10000, () -> wecom.server.requests().size() >= 3);
                assertEquals(1, queue.queued("wecom"), "the DOWN alert stays queued");
                status.set(200);
                Await.until("the RESOLVED alert queued behind it", 8000, () -> queue.queued("wecom") == 2);
                wecom.answer(200, OK);
                Await.until("both delivered", 8000, () -> queue.sent("wecom") == 2);
            }
            // what queued up during the outage goes out as one message, in the order raised
            assertEquals(1, wecom.accepted.size(), "exactly once each: " + wecom.accepted);
            String message = wecom.accepted.get(0);
            assertTrue(message.contains("【告警汇总】1 个监控：1 故障，1 恢复"), message);
            int down = message.indexOf("【告警】shop");
            assertTrue(down > 0 && message.indexOf("【恢复】shop") > down, "RESOLVED after DOWN: " + message);
            assertEquals(0, queue.queued("wecom"), "the queue is empty");
        }
    }

    @Test
    void refusedKeyGoesToFailedOnceAndNeverReachesTheLog() throws Exception {
        String key = "wecom-key-93000-" + System.nanoTime();
        try (TestServer target = TestServer.answering(503, "down");
             WeCom wecom = new WeCom(); QueuedAlerts queue = new QueuedAlerts(tmp.resolve("data"))) {
            wecom.answer(200, "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}");
            String routes = RunningMonitor.copyOfDemoSite(tmp.resolve("routes"), "shop") + "," + RunningMonitor.alertRoutes();
            try (RunningMonitor app = RunningMonitor.start(properties(routes, target, wecom, key))) {
                Await.until("the alert moved to failed", 8000, () -> queue.failed("wecom") == 1);
                Thread.sleep(2000); // the point is that nothing comes: a retry would come within this
            }
            assertEquals(1, wecom.server.requests().size(), "no retry");
            assertEquals(0, queue.queued("wecom"));
            String log = TestLog.text();
            assertFalse(log.contains(key), "the key in the log");
            assertTrue(log.contains("not delivered to wecom, never retried"), "one clear ERROR line");
        }
    }

    /** The status page and its API on a free port, behind a login as a shared status page would be. */
    private static final class Page {
        static final String PASSWORD = "page-password";
        static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final int port = MonitorProcess.freePortUnchecked();

        void serve(Map<String, String> p) {
            p.put("camel.main.routes-include-pattern", p.get("camel.main.routes-include-pattern") + ","
                    + RunningMonitor.projectRoute("status-page.yaml"));
            p.put("camel.server.enabled", "true");
            p.put("camel.server.port", String.valueOf(port));
            p.put("status-page.password", PASSWORD);
        }

        HttpResponse<String> get(String path, boolean login) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10));
            if (login) {
                b.header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
            }
            try {
                return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        String overview() {
            return get("/", true).body();
        }

        JsonNode alerts() {
            HttpResponse<String> r = get("/api/alerts", true);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
            try {
                return JSON.readTree(r.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void refusedAlertShowsInTheApiAndOnTheOverviewWithTheReasonButNotTheKey() throws Exception {
        String key = "wecom-key-page-" + System.nanoTime();
        Page page = new Page();
        try (TestServer target = TestServer.answering(503, "down");
             WeCom wecom = new WeCom(); QueuedAlerts queue = new QueuedAlerts(tmp.resolve("data"))) {
            wecom.answer(200, "{\"errcode\":93000,\"errmsg\":\"invalid <webhook> url, hint: [" + key + "]\"}");
            String routes = RunningMonitor.copyOfDemoSite(tmp.resolve("routes"), "shop") + "," + RunningMonitor.alertRoutes();
            Map<String, String> p = properties(routes, target, wecom, key);
            page.serve(p);
            try (RunningMonitor app = RunningMonitor.start(p)) {
                Await.until("the alert moved to failed", 10000, () -> queue.failed("wecom") == 1);
                assertEquals(401, page.get("/api/alerts", false).statusCode(), "the same login as the pages");

                String json = page.get("/api/alerts", true).body();
                JsonNode body = page.alerts();
                assertEquals(1, body.path("channels").path("wecom").path("failed").asInt(), json);
                assertEquals(0, body.path("channels").path("wecom").path("queued").asInt(), json);
                assertEquals(0, body.path("channels").path("slack").path("failed").asInt(), "every channel: " + json);
                assertEquals(1, body.path("alerts").size(), "the mail went out, the WeCom alert did not: " + json);
                JsonNode alert = body.path("alerts").get(0);
                assertEquals(List.of("wecom", "shop", "DOWN", "failed", "1", "errcode 93000: invalid <webhook> url"),
                        List.of(alert.path("channel").asText(), alert.path("monitor").asText(), alert.path("kind").asText(),
                                alert.path("state").asText(), alert.path("attempts").asText(),
                                alert.path("lastError").asText()), json);
                Instant queued = Instant.parse(alert.path("queuedAt").asText());
                assertTrue(Duration.between(queued, Instant.now()).toMinutes() < 1, json);
                assertFalse(Instant.parse(alert.path("failedAt").asText()).isBefore(queued), json);
                assertFalse(json.contains(key), "the key in " + json);

                String html = page.overview();
                assertTrue(html.contains("<h2>Alerts not delivered</h2>"), html);
                assertTrue(html.contains("data-alert=\"" + alert.path("id").asLong() + "\" data-state=\"failed\"><td>wecom</td>"
                        + "<td><a href=\"monitors/shop\">shop</a></td><td>DOWN</td>"), html);
                assertTrue(html.contains("errcode 93000: invalid &lt;webhook&gt; url</td>"), "escaped: " + html);
                assertFalse(html.contains("<webhook>"), html);
                assertFalse(html.contains(key), "the key in the page");
            }
        }
    }

    @Test
    void alertWaitingForRetriesShowsWithItsAttemptsUntilDelivered() throws Exception {
        Page page = new Page();
        try (TestServer target = TestServer.answering(503, "down");
             WeCom wecom = new WeCom(); QueuedAlerts queue = new QueuedAlerts(tmp.resolve("data"))) {
            wecom.answer(500, "busy");
            String routes = RunningMonitor.copyOfDemoSite(tmp.resolve("routes"), "shop") + "," + RunningMonitor.alertRoutes();
            Map<String, String> p = properties(routes, target, wecom, "wecom-key-retry");
            page.serve(p);
            try (RunningMonitor app = RunningMonitor.start(p)) {
                Await.until("two failed attempts in the API", 15000,
                        () -> page.alerts().path("alerts").path(0).path("attempts").asInt() >= 2);
                JsonNode body = page.alerts();
                JsonNode alert = body.path("alerts").get(0);
                assertEquals(List.of("queued", "DOWN"), List.of(alert.path("state").asText(), alert.path("kind").asText()),
                        body.toString());
                assertTrue(alert.path("lastError").asText().startsWith("HTTP 500; next try in "), body.toString());
                assertTrue(alert.path("failedAt").isNull(), body.toString());
                assertEquals(1, body.path("channels").path("wecom").path("queued").asInt(), body.toString());
                assertEquals(alert.path("queuedAt").asText(), body.path("channels").path("wecom").path("oldestQueued")
                        .asText(), "waiting since");

                String html = page.overview();
                int row = html.indexOf("data-state=\"queued\"><td>wecom</td>");
                assertTrue(row > 0, html);
                String cells = html.substring(row, html.indexOf("</tr>", row));
                int attempts = Integer.parseInt(cells.replaceAll(".*<td class=\"num\">(\\d+)</td>.*", "$1"));
                assertTrue(attempts >= 2, cells);
                assertTrue(cells.contains("HTTP 500"), cells);

                wecom.answer(200, OK);
                Await.until("delivered", 10000, () -> queue.sent("wecom") == 1);
                JsonNode after = page.alerts();
                assertEquals(0, after.path("alerts").size(), after.toString());
                assertEquals(0, after.path("channels").path("wecom").path("queued").asInt(), after.toString());
                assertFalse(page.overview().contains("Alerts not delivered"), "nothing when all is well");
            }
        }
    }

    @Test
    void listedChannelWithoutItsKeyStopsStartUp() throws Exception {
        try (TestServer target = TestServer.answering(200, "ok"); WeCom wecom = new WeCom()) {
            String routes = RunningMonitor.copyOfDemoSite(tmp.resolve("routes"), "shop") + "," + RunningMonitor.alertRoutes();
            Map<String, String> p = properties(routes, target, wecom, "");
            Exception e = assertThrows(Exception.class, () -> RunningMonitor.start(p).close());
            String messages = "";
            for (Throwable t = e; t != null; t = t.getCause()) {
                messages += t.getMessage() + "\n";
            }
            assertTrue(messages.contains("channel.wecom.key"), messages);
            try (QueuedAlerts queue = new QueuedAlerts(tmp.resolve("data"))) {
                assertEquals(0, queue.queued("wecom"), "nothing ran");
            }
        }
    }
}
