package io.bactrian.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A reload replaces the list and says what was added, changed and removed, compared by id. */
class MonitorCatalogTest {
    private static Monitor http(String id, String cron, String url) {
        return new Monitor(id, "http", "monitors/a.yaml", Map.of("cron", cron, "url", url));
    }

    private static List<String> ids(List<Monitor> monitors) {
        return monitors.stream().map(Monitor::id).toList();
    }

    @Test
    void theDiffOfAReplace() {
        MonitorCatalog catalog = new MonitorCatalog();
        List<MonitorCatalog.Change> told = new ArrayList<>();
        catalog.listen(told::add);
        Monitor shop = http("shop", "0 * * * * ? *", "http://127.0.0.1:1/");
        Monitor blog = http("blog", "0 * * * * ? *", "http://127.0.0.1:2/");
        Monitor wiki = http("wiki", "0 * * * * ? *", "http://127.0.0.1:3/");
        MonitorCatalog.Change first = catalog.replace(List.of(shop, blog, wiki));
        assertEquals(List.of("shop", "blog", "wiki"), ids(first.added()));
        assertEquals(1, told.size());

        Monitor blogMoved = http("blog", "0 * * * * ? *", "http://127.0.0.1:4/");
        Monitor news = http("news", "30 * * * * ? *", "http://127.0.0.1:5/");
        MonitorCatalog.Change change = catalog.replace(List.of(
                http("shop", "0 * * * * ? *", "http://127.0.0.1:1/"), blogMoved, news));
        assertEquals(List.of("news"), ids(change.added()));
        assertEquals(List.of("blog"), ids(change.changed()));
        assertEquals(List.of("wiki"), ids(change.removed()));
        assertSame(blogMoved, change.changed().get(0), "a change holds the new version");
        assertEquals("1 added, 1 changed, 1 removed", change.toString());
        assertEquals(2, told.size(), "the listener is told once per replace");
        assertSame(change, told.get(1));
        assertSame(blogMoved, catalog.get("blog"));
        assertEquals(null, catalog.get("wiki"));
        assertEquals(java.util.Set.of("shop", "blog", "news"), java.util.Set.copyOf(ids(catalog.ofKind("http"))));
    }

    @Test
    void equalMonitorsAreUnchangedAndNobodyIsTold() {
        MonitorCatalog catalog = new MonitorCatalog();
        catalog.replace(List.of(http("shop", "0 * * * * ? *", "http://127.0.0.1:1/")));
        List<MonitorCatalog.Change> told = new ArrayList<>();
        catalog.listen(told::add);
        MonitorCatalog.Change change = catalog.replace(List.of(http("shop", "0 * * * * ? *", "http://127.0.0.1:1/")));
        assertTrue(change.isEmpty(), change.toString());
        assertEquals(List.of(), told);
    }

    @Test
    void aChangeOfKindIsAChange() {
        MonitorCatalog catalog = new MonitorCatalog();
        catalog.replace(List.of(http("shop", "0 * * * * ? *", "http://127.0.0.1:1/")));
        Monitor tcp = new Monitor("shop", "tcp", "monitors/a.yaml", Map.of("cron", "0 * * * * ? *",
                "url", "http://127.0.0.1:1/"));
        assertEquals(List.of("shop"), ids(catalog.replace(List.of(tcp)).changed()));
    }

    @Test
    void anUnlistenedListenerIsNotTold() {
        MonitorCatalog catalog = new MonitorCatalog();
        List<MonitorCatalog.Change> told = new ArrayList<>();
        MonitorCatalog.Listener listener = told::add;
        catalog.listen(listener);
        catalog.unlisten(listener);
        catalog.replace(List.of(http("shop", "0 * * * * ? *", "http://127.0.0.1:1/")));
        assertEquals(List.of(), told);
    }
}
