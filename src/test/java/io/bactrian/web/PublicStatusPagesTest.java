package io.bactrian.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import io.bactrian.history.HistoryQueries;
import io.bactrian.history.HistoryStore;
import io.bactrian.testing.Await;
import io.bactrian.testing.Chromium;
import io.bactrian.testing.MonitorList;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.RunningMonitor;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The real application with a login on its overview and three public status pages over one
 * monitor list: a shop group with a down monitor and a private one, a speed test from three
 * nodes of which one fails (the quorum holds), and a monitor of another group. Each page over
 * HTTP without the login, its Atom feed parsed as XML, and the pages in a real Chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicStatusPagesTest {
    static final String ATOM = "http://www.w3.org/2005/Atom";

    @TempDir
    static Path tmp;

    TestServer ok;
    TestServer broken;
    RunningMonitor app;
    String base;

    @BeforeAll
    void start() throws Exception {
        ok = TestServer.answering(200, "ok");
        broken = TestServer.answering(503, "maintenance");
        int closed = MonitorProcess.freePort(); // nothing listens: the node behind it fails
        Path nodes = tmp.resolve("nodes.yaml");
        Files.writeString(nodes, """
                - { id: "js-suqian-ct", province: "江苏", city: "宿迁", isp: "电信", kind: "local" }
                - { id: "gd-foshan-ct", province: "广东", city: "佛山", isp: "电信", kind: "local" }
                - { id: "zj-jiaxing-cu", province: "浙江", city: "嘉兴", isp: "联通", kind: "bactrian",
                    endpoint: "http://127.0.0.1:%d" }
                """.formatted(closed));
        String list = """
                defaults:
                  cron: "* * * * * ? *"
                monitors:
                  - { id: shop, kind: http, url: "%1$s", group: shop, description: "网店 and its <catalogue>" }
                  - { id: checkout, kind: http, url: "%2$s", group: shop, failure-threshold: 1 }
                  - { id: admin-panel, kind: http, url: "%2$s", group: shop, failure-threshold: 1, private: true }
                  - { id: billing, kind: http, url: "%1$s", group: internal }
                  - { id: cdn-speed, kind: speed-test, url: "%3$s", nodes: "%4$s", group: cdn }
                """.formatted(ok.url("/"), broken.url("/pay"), ok.url("/speed"), nodes);
        Map<String, String> p = MonitorList.app(tmp, list, "http-monitors.yaml", "speed-test-monitors.yaml",
                "status-page.yaml");
        Path pages = tmp.resolve("status-pages.yaml");
        Files.writeString(pages, """
                - slug: shop
                  title: "商店状态 · Shop status"
                  description: "Checkout & catalogue"
                  groups: [shop, cdn]
                  announcements:
                    - at: "2026-12-01T09:00:00+08:00"
                      severity: warning
                      title: "计划维护 Planned maintenance"
                      text: "Payments pause <b>Sunday</b> & resume Monday."
                      pinned: true
                    - at: "2026-12-05 10:00"
                      text: "A new region is online."
                - slug: cdn
                  title: "CDN"
                  groups: [cdn]
                - slug: internal
                  title: "Internal"
                  monitors: [billing]
                """);
        p.put(PublicPagesFile.SETTING, pages.toString());
        p.put("status-page.password", "s3cret-login");
        p.put("bactrian.time-zone", "Asia/Shanghai");
        int port = RunningMonitor.server(p);
        app = RunningMonitor.start(p);
        base = "http://127.0.0.1:" + port;
        HistoryStore history = app.context().getRegistry().lookupByNameAndType("history", HistoryStore.class);
        HistoryQueries kept = history.queries();
        Await.until("every monitor checked, checkout and admin-panel down, a speed test with a failed node", 60_000,
                () -> {
                    try {
                        return kept.latest().size() == 5 && !kept.alerts("checkout", 0).isEmpty()
                                && !kept.alerts("admin-panel", 0).isEmpty()
                                && kept.probes("cdn-speed", 0).stream().anyMatch(r -> !r.ok())
                                && kept.latest().get("cdn-speed").up();
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
        assertTrue(history.writer().flush(Duration.ofSeconds(10)));
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        ok.close();
        broken.close();
    }

    @Test
    void aPageShowsItsMonitorsOpenWithoutTheLoginAndNeverAPrivateOne() throws Exception {
        assertEquals(401, StatusPageTest.get(base + "/").statusCode(), "the overview asks for the login");
        HttpResponse<String> r = StatusPageTest.get(base + "/status/shop");
        assertEquals(200, r.statusCode());
        assertEquals("text/html; charset=utf-8", r.headers().firstValue("content-type").orElse(""));
        String html = r.body();
        assertTrue(html.contains("<h1>商店状态 · Shop status</h1>"), html);
        assertTrue(html.contains("data-monitor=\"shop\" data-state=\"up\""), html);
        assertTrue(html.contains("网店 and its &lt;catalogue&gt;"), html);
        assertTrue(html.contains("data-monitor=\"checkout\" data-state=\"down\""), html);
        assertTrue(html.contains("id=\"banner\" data-state=\"down\""), html);
        assertFalse(html.contains("billing"), "another page's monitor: " + html);
        assertFalse(html.contains("admin-panel"), "a private monitor, though its group is listed: " + html);
        assertFalse(html.contains(ok.url("/")) || html.contains("127.0.0.1"), "no target on a public page: " + html);
        assertFalse(html.contains("<script"), html);

        String internal = StatusPageTest.get(base + "/status/internal").body();
        assertTrue(internal.contains("data-monitor=\"billing\" data-state=\"up\""), internal);
        assertTrue(internal.contains("id=\"banner\" data-state=\"up\""), internal);
        assertFalse(internal.contains("data-monitor=\"shop\""), internal);
        assertEquals(404, StatusPageTest.get(base + "/status/nope").statusCode());
    }

    @Test
    void theIndexListsEveryPageWithItsState() throws Exception {
        String html = StatusPageTest.get(base + "/status").body();
        assertTrue(html.contains("data-page=\"shop\" data-state=\"down\"><div><a class=\"name\" href=\"status/shop\">"
                + "商店状态 · Shop status</a>"), html);
        assertTrue(html.contains("data-page=\"cdn\" data-state=\"degraded\""), html);
        assertTrue(html.contains("data-page=\"internal\" data-state=\"up\""), html);
        assertFalse(html.contains("admin-panel"), html);
    }

    @Test
    void announcementsPinnedFirstAndEscaped() throws Exception {
        String html = StatusPageTest.get(base + "/status/shop").body();
        int pinned = html.indexOf("计划维护 Planned maintenance");
        int later = html.indexOf("A new region is online.");
        assertTrue(pinned > 0 && later > pinned, "the pinned one first though older: " + html);
        assertTrue(html.contains("data-severity=\"warning\" data-pinned=\"true\""), html);
        assertTrue(html.contains("Payments pause &lt;b&gt;Sunday&lt;/b&gt; &amp; resume Monday."), html);
        assertTrue(html.contains("2026-12-01 09:00:00"), "in the page's time zone: " + html);
    }

    @Test
    void theDownMonitorsIncidentIsInTheHistory() throws Exception {
        String html = StatusPageTest.get(base + "/status/shop").body();
        String incidents = html.substring(html.indexOf("id=\"incidents\""));
        assertTrue(incidents.contains("<tr class=\"bad\" data-monitor=\"checkout\"><td>checkout</td>"), incidents);
        assertTrue(incidents.contains("<td>ongoing</td>"), incidents);
        assertTrue(incidents.contains("HTTP 503 (expected 200)"), incidents);
        assertFalse(incidents.contains("admin-panel"), incidents);
    }

    @Test
    void aSpeedTestWithAFailingProvinceIsDegradedWhileItsQuorumHolds() throws Exception {
        String html = StatusPageTest.get(base + "/status/cdn").body();
        assertTrue(html.contains("data-monitor=\"cdn-speed\" data-state=\"degraded\""), html);
        assertTrue(html.contains("failing from 浙江嘉兴[联通]"), html);
        assertFalse(html.contains("江苏宿迁"), "only the failing node is named: " + html);
        assertTrue(html.contains("id=\"banner\" data-state=\"degraded\""), html);
        assertTrue(html.contains("Degraded performance"), html);
    }

    @Test
    void theFeedIsAtomWithAnEntryPerIncidentAndAnnouncement() throws Exception {
        HttpResponse<byte[]> r = StatusPageTest.HTTP.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + "/status/shop/feed.atom")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals("application/atom+xml; charset=utf-8", r.headers().firstValue("content-type").orElse(""));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(r.body()));
        Element feed = doc.getDocumentElement();
        assertEquals("feed", feed.getLocalName());
        assertEquals(ATOM, feed.getNamespaceURI());
        assertEquals("商店状态 · Shop status", child(feed, "title"));
        assertTrue(child(feed, "id").startsWith("urn:uuid:"));
        Instant updated = Instant.parse(child(feed, "updated"));
        assertNotNull(child((Element) feed.getElementsByTagNameNS(ATOM, "author").item(0), "name"));

        NodeList entries = feed.getElementsByTagNameNS(ATOM, "entry");
        List<String> titles = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String checkout = null;
        for (int i = 0; i < entries.getLength(); i++) {
            Element e = (Element) entries.item(i);
            titles.add(child(e, "title"));
            assertTrue(ids.add(child(e, "id")), "ids are unique");
            assertFalse(Instant.parse(child(e, "updated")).isAfter(updated), "the feed's updated is the newest");
            if (child(e, "title").equals("checkout is down")) {
                checkout = child(e, "content");
            }
        }
        assertTrue(titles.contains("[warning] 计划维护 Planned maintenance"), titles.toString());
        assertTrue(titles.contains("[info] A new region is online."), titles.toString());
        assertNotNull(checkout, titles.toString());
        assertTrue(checkout.contains("HTTP 503 (expected 200)") && checkout.contains("ongoing"), checkout);
        String text = new String(r.body(), StandardCharsets.UTF_8);
        assertFalse(text.contains("admin-panel"), text);
        assertTrue(text.contains("Payments pause &lt;b&gt;Sunday&lt;/b&gt; &amp; resume Monday."), text);
        assertEquals(404, StatusPageTest.get(base + "/status/nope/feed.atom").statusCode());
    }

    private static String child(Element parent, String name) {
        NodeList n = parent.getElementsByTagNameNS(ATOM, name);
        return n.getLength() == 0 ? null : n.item(0).getTextContent();
    }

    @Test
    void pagesInARealChromiumOnALaptopAndAPhone() throws Exception {
        String chromium = Chromium.find();
        Assumptions.assumeTrue(chromium != null,
                "needs the Debian package chromium (apt-get install chromium) to render the status page");
        String dom = Chromium.run(tmp, chromium, "--dump-dom", base + "/status/shop");
        assertTrue(dom.contains("data-monitor=\"checkout\" data-state=\"down\""), dom);
        assertTrue(dom.contains("data-monitor=\"cdn-speed\" data-state=\"degraded\""), dom);
        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        for (String[] size : new String[][]{{"desktop", "1280,900"}, {"phone", "390,844"}}) {
            Path file = shots.resolve("public-page-" + size[0] + ".png").toAbsolutePath();
            Files.deleteIfExists(file);
            Chromium.run(tmp, chromium, "--screenshot=" + file, "--window-size=" + size[1], "--hide-scrollbars",
                    base + "/status/shop");
            assertTrue(Files.size(file) > 5_000, "a screenshot in " + file);
        }
    }
}
