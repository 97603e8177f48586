package io.bactrian.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import io.bactrian.alert.AlertEvent;
import io.bactrian.alert.AlertKind;
import io.bactrian.core.CheckResult;
import io.bactrian.history.HistoryStore;
import io.bactrian.history.StatusView;
import io.bactrian.monitor.Monitor;
import io.bactrian.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A public page's incident history over a real history database: 25 resolved incidents of two
 * monitors, newest first, 20 a page; the feed's entry of a resolved incident.
 */
class PublicPageHistoryTest {
    @TempDir
    Path tmp;

    @Test
    void incidentsNewestFirstTwentyAPageAndResolvedOnesInTheFeed() throws Exception {
        long now = System.currentTimeMillis();
        Instant first = Instant.ofEpochMilli(now).minus(Duration.ofHours(30));
        HistoryStore store = new HistoryStore(Database.h2Url(tmp.resolve("h")), "", "", Duration.ofDays(30), 1000, null);
        store.start();
        String page1;
        String page2;
        String feed;
        try {
            for (int i = 0; i < 25; i++) {
                String monitor = i % 2 == 0 ? "shop" : "checkout";
                Instant down = first.plus(Duration.ofHours(i));
                CheckResult bad = new CheckResult(monitor, "http://x", down, false, "timeout", "read timed out #" + i,
                        "", null);
                store.record(bad);
                store.recordAlert(new AlertEvent(AlertKind.DOWN, monitor, "http://x", down.plusSeconds(60), down,
                        "timeout", "read timed out #" + i, bad));
                store.recordAlert(new AlertEvent(AlertKind.RESOLVED, monitor, "http://x", down.plusSeconds(250), down,
                        "timeout", "read timed out #" + i, bad));
            }
            assertTrue(store.writer().flush(Duration.ofSeconds(10)));
            StatusView view = new StatusView(store, () -> now);
            PublicPage page = new PublicPage("shop", "Shop", null, Set.of("shop"), List.of(), List.of());
            List<Monitor> running = List.of(new Monitor("shop", "http", "m.yaml", Map.of("group", "shop")),
                    new Monitor("checkout", "http", "m.yaml", Map.of("group", "shop")));
            PublicPageHtml html = new PublicPageHtml(new StatusPage("Status", ZoneId.of("UTC")), ZoneId.of("UTC"));
            page1 = html.render(PublicStatus.of(view, page, running, 1), now);
            page2 = html.render(PublicStatus.of(view, page, running, 2), now);
            feed = new AtomFeed(ZoneId.of("UTC")).render(PublicStatus.of(view, page, running, 1), now);
        } finally {
            store.stop();
        }
        List<Integer> onPage1 = numbers(page1);
        assertEquals(20, onPage1.size(), page1);
        assertEquals(24, onPage1.get(0), "the newest first");
        assertEquals(5, onPage1.get(19));
        assertEquals(List.of(4, 3, 2, 1, 0), numbers(page2));
        assertTrue(page1.contains("data-page=\"1\" data-pages=\"2\"") && page1.contains("<a rel=\"next\" href=\"?page=2\">"),
                page1);
        assertTrue(page2.contains("<a rel=\"prev\" href=\"?page=1\">"), page2);
        assertTrue(page1.contains("<td>4m 10s</td>"), "from the first failure to the RESOLVED: " + page1);

        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(feed.getBytes(StandardCharsets.UTF_8)));
        NodeList entries = doc.getElementsByTagNameNS(PublicStatusPagesTest.ATOM, "entry");
        assertEquals(25, entries.getLength());
        Element newest = (Element) entries.item(0);
        assertEquals("shop was down for 4m 10s", text(newest, "title"));
        assertTrue(text(newest, "content").contains("resolved at") && text(newest, "content").contains("#24"),
                text(newest, "content"));
        assertEquals(first.plus(Duration.ofHours(24)).plusSeconds(250).truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                Instant.parse(text(newest, "updated")), "updated when it ended");
    }

    private static String text(Element parent, String name) {
        return parent.getElementsByTagNameNS(PublicStatusPagesTest.ATOM, name).item(0).getTextContent();
    }

    /** The incident numbers in a page's table, in its order. */
    private static List<Integer> numbers(String html) {
        Matcher m = Pattern.compile("read timed out #(\\d+)").matcher(html);
        List<Integer> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }
}
