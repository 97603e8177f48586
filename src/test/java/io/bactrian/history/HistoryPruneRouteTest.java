package io.bactrian.history;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.bactrian.store.Rows;
import io.bactrian.store.Rows.Check;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.RunningMonitor;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped retention route applies {@code history.retention}. */
class HistoryPruneRouteTest {
    private static final long DAY = 86_400_000L;

    @TempDir
    Path tmp;

    @Test
    void theRetentionRouteDeletesChecksOlderThanTheRetention() throws Exception {
        Map<String, String> p = RunningMonitor.quiet(tmp.resolve("data"));
        p.put("camel.server.enabled", "true");
        p.put("camel.server.port", String.valueOf(MonitorProcess.freePort()));
        p.put("camel.main.routes-include-pattern", RunningMonitor.projectRoute("status-page.yaml"));
        p.put("history.retention", "2d");
        try (RunningMonitor app = RunningMonitor.start(p)) {
            HistoryStore store = app.context().getRegistry().lookupByNameAndType("history", HistoryStore.class);
            long now = System.currentTimeMillis();
            store.writer().offer(new Check("shop", now - 3 * DAY, true, 1.0, null, null, "x"));
            store.writer().offer(new Check("shop", now - DAY, true, 1.0, null, null, "x"));
            assertTrue(store.writer().flush(Duration.ofSeconds(10)));

            // one run of the route, as its timer would start it
            Exchange run = new DefaultExchange(app.context());
            app.context().getRoute("history-prune").getConsumer().getProcessor().process(run);

            assertNull(run.getException(), "the route ran: " + run.getException());
            assertEquals(1L, store.queries().counts().get("cm_check"),
                    "the check of 3 days ago is gone, yesterday's kept");
        }
    }
}
