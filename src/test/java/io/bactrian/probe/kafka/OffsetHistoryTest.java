package io.bactrian.probe.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Lag in seconds by interpolation over the log-end history, as kafka-lag-exporter computes it. */
class OffsetHistoryTest {

    @Test
    void interpolatesBetweenPoints() {
        OffsetHistory h = new OffsetHistory(10);
        h.add(0, 0);
        h.add(100, 10_000);
        h.add(200, 20_000);
        assertEquals(15_000, h.timeAt(150), 1e-6);
        assertEquals(5.0, h.lagSeconds(150, 200, 20_000), 1e-6);
        assertEquals(20.0, h.lagSeconds(0, 200, 20_000), 1e-6);
        assertEquals(0.0, h.lagSeconds(200, 200, 20_000), "no lag, no seconds");
    }

    @Test
    void tooFewPointsIsUnknown() {
        OffsetHistory h = new OffsetHistory(10);
        assertTrue(Double.isNaN(h.lagSeconds(5, 10, 1000)));
        h.add(10, 1000);
        assertTrue(Double.isNaN(h.lagSeconds(5, 10, 2000)));
        h.add(10, 2000);
        assertTrue(Double.isNaN(h.lagSeconds(5, 10, 2000)), "one distinct offset says no rate");
        assertEquals(0.0, h.lagSeconds(10, 10, 2000));
    }

    @Test
    void extrapolatesBelowTheOldestPoint() {
        OffsetHistory h = new OffsetHistory(3);
        h.add(100, 10_000);
        h.add(200, 20_000);
        h.add(300, 30_000);
        // 10 messages a second: offset 50 was the log end at 5 s
        assertEquals(5_000, h.timeAt(50), 1e-6);
        assertEquals(25.0, h.lagSeconds(50, 300, 30_000), 1e-6);
    }

    @Test
    void flatRunKeepsItsEndSoAnIdleSpellIsNotCountedAsLag() {
        OffsetHistory h = new OffsetHistory(4);
        h.add(100, 0);
        for (int t = 1; t <= 50; t++) {
            h.add(100, t * 1000L); // idle for 50 s: two points, not fifty
        }
        h.add(110, 51_000);
        assertEquals(3, h.size());
        // the message at offset 100 was produced after the idle spell, between 50 s and 51 s
        assertEquals(50_000, h.timeAt(100), 1e-6);
        assertEquals(2.0, h.lagSeconds(100, 110, 52_000), 1e-6);
    }

    @Test
    void boundedAndOldestDropped() {
        OffsetHistory h = new OffsetHistory(3);
        for (int i = 0; i < 10; i++) {
            h.add(i * 10L, i * 1000L);
        }
        assertEquals(3, h.size());
        assertEquals(7_000, h.timeAt(70), 1e-6);
    }

    @Test
    void truncatedLogStartsOver() {
        OffsetHistory h = new OffsetHistory(5);
        h.add(500, 0);
        h.add(600, 1000);
        h.add(10, 2000);
        assertEquals(1, h.size());
    }
}
