package io.bactrian.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.bactrian.channel.AlertQueue.Undelivered;
import io.bactrian.history.StatusView;
import io.bactrian.history.StatusView.Overview;
import io.bactrian.history.StatusView.Query;
import org.junit.jupiter.api.Test;

/** The overview's "Alerts not delivered" panel: absent when all went out, short when many did not. */
class UndeliveredPanelTest {
    private static final Instant AT = Instant.parse("2026-11-24T06:00:00Z");
    private static final Overview NONE = new Overview(Map.of(), 0, new Query(null, null, 1, StatusView.PER_PAGE), 0, 1,
            List.of());
    private final StatusPage page = new StatusPage("Status", ZoneOffset.UTC);

    @Test
    void noPanelWhenEveryAlertWentOut() {
        assertFalse(page.overview(NONE, List.of(), AT.toEpochMilli()).contains("Alerts not delivered"));
    }

    @Test
    void listsTheNewestTenAndSaysThereAreMore() {
        List<Undelivered> alerts = new ArrayList<>();
        for (int id = 11; id >= 1; id--) {
            alerts.add(new Undelivered(id, "slack", "site-" + id, "DOWN", "queued", AT, 3, "HTTP 502", null));
        }
        String html = page.overview(NONE, alerts, AT.toEpochMilli());
        assertEquals(10, html.split("data-state=\"queued\"").length - 1, html);
        assertTrue(html.contains("site-11") && html.contains("site-2<") && !html.contains("site-1<"), html);
        assertTrue(html.contains("The newest 10 shown. All of them as JSON: <a href=\"api/alerts\">"), html);
    }

    @Test
    void aRefusedAlertIsRedAndWhatTheServiceSaidIsEscaped() {
        String html = page.overview(NONE, List.of(new Undelivered(7, "webhook", "a&b", "RESOLVED", "failed", AT, 1,
                "HTTP 404: <html>not found</html>", AT.plusSeconds(1))), AT.toEpochMilli());
        assertTrue(html.contains("<tr class=\"bad\" data-alert=\"7\" data-state=\"failed\"><td>webhook</td>"
                + "<td><a href=\"monitors/a%26b\">a&amp;b</a></td><td>RESOLVED</td><td>2026-11-24 06:00:00</td>"), html);
        assertTrue(html.contains("<td class=\"wrap\">HTTP 404: &lt;html&gt;not found&lt;/html&gt;</td>"), html);
        assertFalse(html.contains("The newest"), "all shown: " + html);
    }
}
