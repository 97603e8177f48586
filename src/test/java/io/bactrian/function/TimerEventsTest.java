package io.bactrian.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

/** The monitors each platform's timer event names, in the payload format the deploy descriptors write. */
class TimerEventsTest {
    @Test
    void theTimersOfBothPlatformsNameTheirMonitorsInTheirMessage() throws Exception {
        assertEquals(Set.of("shop", "api"), TimerEvents.monitors("{\"triggerTime\":\"2026-12-07T18:00:00Z\","
                + "\"triggerName\":\"every-minute\",\"payload\":\"{\\\"monitors\\\":[\\\"shop\\\",\\\"api\\\"]}\"}"));
        assertEquals(Set.of("shop"), TimerEvents.monitors("{\"Type\":\"Timer\",\"TriggerName\":\"every-minute\","
                + "\"Time\":\"2026-12-07T18:00:00Z\",\"Message\":\"{\\\"monitors\\\":[\\\"shop\\\"]}\"}"));
    }

    @Test
    void noMessageRunsEveryMonitor() throws Exception {
        assertEquals(Set.of(), TimerEvents.monitors(""));
        assertEquals(Set.of(), TimerEvents.monitors("{\"triggerName\":\"t\",\"triggerTime\":\"x\",\"payload\":\"\"}"));
        assertEquals(Set.of(), TimerEvents.monitors("{\"Type\":\"Timer\",\"TriggerName\":\"t\",\"Time\":\"x\"}"));
        assertEquals(Set.of(), TimerEvents.monitors("{\"monitors\":[]}"));
    }

    @Test
    void aMessageOfAnotherFormIsOneLineNamingTheTrigger() {
        InvocationFailed text = assertThrows(InvocationFailed.class, () -> TimerEvents.monitors(
                "{\"Type\":\"Timer\",\"TriggerName\":\"nightly\",\"Time\":\"x\",\"Message\":\"shop please\"}"));
        assertEquals("BadEvent", text.type());
        assertTrue(text.getMessage().startsWith("the Message of timer trigger 'nightly' is not JSON"), text.getMessage());
        InvocationFailed ids = assertThrows(InvocationFailed.class, () -> TimerEvents.monitors(
                "{\"triggerName\":\"t\",\"payload\":\"{\\\"monitors\\\":\\\"shop\\\"}\"}"));
        assertTrue(ids.getMessage().contains("\"monitors\" is not a list of monitor ids"), ids.getMessage());
        assertThrows(InvocationFailed.class, () -> TimerEvents.monitors("{\"key\":\"value\"}"));
    }
}
