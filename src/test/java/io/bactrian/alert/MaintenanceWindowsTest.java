package io.bactrian.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;

import io.bactrian.core.CheckResult;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** Maintenance windows: ranges and recurring windows, and an alert rule that stays quiet inside one. */
class MaintenanceWindowsTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void rangesWithAndWithoutOffset() {
        MaintenanceWindows w = MaintenanceWindows.parse("2026-12-01T02:00/2026-12-01T04:00", SHANGHAI);
        assertFalse(w.covers(Instant.parse("2026-11-30T17:59:59Z")), "01:59:59 in Shanghai");
        assertTrue(w.covers(Instant.parse("2026-11-30T18:00:00Z")), "02:00 in Shanghai");
        assertTrue(w.covers(Instant.parse("2026-11-30T19:59:59Z")));
        assertFalse(w.covers(Instant.parse("2026-11-30T20:00:00Z")), "the end is outside");
        assertTrue(MaintenanceWindows.parse("2026-12-01T02:00Z/2026-12-01T03:00Z", SHANGHAI)
                .covers(Instant.parse("2026-12-01T02:30:00Z")), "offsets win over the zone");
    }

    @Test
    void theNextWindowStartIsTheSoonestOfAllAfterTheTime() {
        MaintenanceWindows w = MaintenanceWindows.parse("2026-12-01T02:00/2026-12-01T04:00; 0 30 12 * * * for 15m",
                SHANGHAI);
        assertEquals(Instant.parse("2026-11-30T04:30:00Z"), w.nextStart(Instant.parse("2026-11-30T00:00:00Z")).get(),
                "daily 12:30 first");
        assertEquals(Instant.parse("2026-11-30T18:00:00Z"), w.nextStart(Instant.parse("2026-11-30T05:00:00Z")).get(),
                "then the range");
        assertEquals(Instant.parse("2026-12-01T04:30:00Z"), w.nextStart(Instant.parse("2026-11-30T18:00:00Z")).get(),
                "a range that started is behind");
        assertTrue(MaintenanceWindows.parse("2026-12-01T02:00/2026-12-01T04:00", SHANGHAI)
                .nextStart(Instant.parse("2026-12-02T00:00:00Z")).isEmpty(), "no window to come");
    }

    @Test
    void recurringWindowsFromACronAndADuration() {
        // Sundays 02:00-04:00 Shanghai time; 2026-11-29 is a Sunday
        MaintenanceWindows w = MaintenanceWindows.parse("0 0 2 * * SUN * for 2h; 0 30 12 * * * for 15m", SHANGHAI);
        assertTrue(w.covers(Instant.parse("2026-11-28T18:00:00Z")), "Sunday 02:00");
        assertTrue(w.covers(Instant.parse("2026-11-28T19:59:00Z")), "Sunday 03:59");
        assertFalse(w.covers(Instant.parse("2026-11-28T20:00:00Z")), "Sunday 04:00");
        assertFalse(w.covers(Instant.parse("2026-11-29T18:30:00Z")), "Monday 02:30");
        assertTrue(w.covers(Instant.parse("2026-11-30T04:40:00Z")), "daily 12:40");
        assertFalse(w.covers(Instant.parse("2026-11-30T04:45:00Z")), "daily 12:45");
        assertFalse(MaintenanceWindows.parse("", SHANGHAI).covers(Instant.now()));
    }

    @Test
    void badWindowsNameTheField() {
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> MaintenanceWindows.parse("0 0 25 * * ? * for 2h", SHANGHAI));
        assertTrue(e.getMessage().startsWith("maintenance '0 0 25 * * ? * for 2h': hour field"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MaintenanceWindows.parse("2026-12-01T04:00/2026-12-01T02:00", SHANGHAI));
        assertThrows(IllegalArgumentException.class, () -> MaintenanceWindows.parse("tomorrow", SHANGHAI));
    }

    @Test
    void insideAWindowTheRuleSendsNothingAndKeepsItsState() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            java.util.Properties p = new java.util.Properties();
            p.setProperty("bactrian.data-dir", java.nio.file.Files.createTempDirectory("mw").toString());
            context.getPropertiesComponent().setInitialProperties(p);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:check").routeId("shop").to("alert-rule:shop?failureThreshold=1&successThreshold=1"
                            + "&maintenance=2026-12-01T02:00Z/2026-12-01T03:00Z");
                }
            });
            context.start();
            var template = context.createProducerTemplate();
            // down inside the window: nothing
            assertNull(template.requestBody("direct:check", check("2026-12-01T02:10:00Z", false)));
            assertNull(template.requestBody("direct:check", check("2026-12-01T02:50:00Z", false)));
            // still down after it: now the DOWN, timed from the first failure outside the window
            AlertEvent down = template.requestBody("direct:check", check("2026-12-01T03:00:00Z", false), AlertEvent.class);
            assertEquals(AlertKind.DOWN, down.kind());
            assertEquals(Instant.parse("2026-12-01T03:00:00Z"), down.downSince());
        }
    }

    private static CheckResult check(String at, boolean up) {
        return new CheckResult("shop", "https://shop.test/", Instant.parse(at), up, up ? null : "timeout",
                up ? null : "timed out", "", null);
    }
}
