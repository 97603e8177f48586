package io.bactrian.web;

import java.util.Map;

/**
 * What a badge says: the left text, the right text and the right side's colour, one of the
 * colour names shields.io knows (so the JSON endpoint can hand it on as it is).
 */
record Badge(String label, String message, String color) {
    /** The colours the badges use, as shields.io draws them. */
    private static final Map<String, String> HEX = Map.of("brightgreen", "#4c1", "green", "#97ca00",
            "yellowgreen", "#a4a61d", "yellow", "#dfb317", "orange", "#fe7d37", "red", "#e05d44", "blue", "#007ec6",
            "lightgrey", "#9f9f9f");

    Badge {
        if (!HEX.containsKey(color)) {
            throw new IllegalArgumentException("not a badge colour: " + color);
        }
    }

    /** The same badge with another left text. */
    Badge labelled(String text) {
        return new Badge(text, message, color);
    }

    /** The colour as the SVG fills it. */
    String hex() {
        return HEX.get(color);
    }
}
