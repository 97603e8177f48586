package io.bactrian.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class TextLimitsTest {

    @Test
    void v16WeComMarkdownLimit() {
        String fits = "告".repeat(1365) + "x";
        assertEquals(4096, fits.getBytes(StandardCharsets.UTF_8).length);
        assertEquals(fits, TextLimits.utf8Bytes(fits, 4096));

        String over = "告".repeat(1366);
        assertEquals(4098, over.getBytes(StandardCharsets.UTF_8).length);
        String cut = TextLimits.utf8Bytes(over, 4096);
        assertEquals("告".repeat(1365), cut); // 4095 bytes: the next character would be split
    }

    @Test
    void neverSplitsASurrogatePair() {
        assertEquals("a", TextLimits.utf8Bytes("a😀", 4));
        assertEquals("a😀", TextLimits.utf8Bytes("a😀", 5));
        assertEquals("告…", TextLimits.codePoints("告警测试", 2), "a cut variable says so");
        assertEquals("告警测试", TextLimits.codePoints("告警测试", 4));
        assertEquals("a😀…", TextLimits.codePoints("a😀b😀", 3));
    }
}
