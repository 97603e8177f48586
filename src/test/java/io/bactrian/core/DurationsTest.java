package io.bactrian.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Every form a duration setting is written in, and the one line a bad one gets. */
class DurationsTest {

    @Test
    void readsUnitsIsoAndPlainMilliseconds() {
        assertEquals(Duration.ofSeconds(10), Durations.positive("timeout", "10s"));
        assertEquals(Duration.ofHours(1), Durations.positive("timeout", "1h"));
        assertEquals(Duration.ofMillis(500), Durations.positive("timeout", "500ms"));
        assertEquals(Duration.ofDays(30), Durations.positive("history.retention", "30d"));
        assertEquals(Duration.ofMinutes(90), Durations.positive("timeout", "1h30m"));
        assertEquals(Duration.ofSeconds(10), Durations.positive("timeout", "PT10S"));
        assertEquals(Duration.ofMillis(2500), Durations.positive("timeout", "2500")); // milliseconds, as the keys always were
        assertEquals(Duration.ofSeconds(3), Durations.positive("timeout", " 3s "));
    }

    @Test
    void zeroIsOffWhereOffIsAllowed() {
        assertEquals(Duration.ZERO, Durations.zeroOrMore("reminderInterval", "0"));
        assertEquals(Duration.ZERO, Durations.zeroOrMore("reminderInterval", "0s"));
        assertEquals(Duration.ZERO, Durations.zeroOrMore("reminderInterval", "PT0S"));
    }

    @Test
    void aBadDurationIsOneLineNamingTheSettingAndText() {
        for (String bad : new String[] {"30x", "-1h", "hourly", "", "PT", "-PT10S", "1.5s"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.positive("timeout", bad));
            assertEquals("timeout '" + bad + "': not a duration above zero such as 30d, 12h, 90m, 45s or 2500ms", e.getMessage());
        }
        assertEquals("timeout '0': not a duration above zero such as 30d, 12h, 90m, 45s or 2500ms",
                assertThrows(IllegalArgumentException.class, () -> Durations.positive("timeout", "0")).getMessage());
        assertEquals("reminderInterval '-1h': not a duration such as 1h, 30m or 0 (off)",
                assertThrows(IllegalArgumentException.class, () -> Durations.zeroOrMore("reminderInterval", "-1h")).getMessage());
    }
}
