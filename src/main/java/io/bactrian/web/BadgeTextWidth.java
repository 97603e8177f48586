package io.bactrian.web;

import io.bactrian.core.DisplayWidth;

/**
 * How wide a text is in Verdana 11px, the badges' font, as shields.io measures it: a width per
 * printable ASCII character; East Asian wide characters an em (11px), combining marks nothing,
 * any other character the width of an average lowercase letter.
 */
final class BadgeTextWidth {
    /** Advance widths in px of the characters from ' ' (32) to '~' (126), Verdana at 11px. */
    private static final double[] ASCII = {
        3.87, 4.33, 5.05, 9.00, 6.99, 11.84, 7.99, 2.95, 5.00, 5.00, 6.99, 9.00, 4.00, 5.00, 4.00, 5.00, // space to /
        6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 5.00, 5.00, 9.00, 9.00, 9.00, 6.00, // 0 to ?
        11.00, 7.52, 7.54, 7.68, 8.48, 6.96, 6.32, 8.53, 8.27, 4.63, 5.00, 7.62, 6.12, 9.27, 8.23, 8.66, // @ to O
        6.63, 8.66, 7.65, 7.52, 6.78, 8.05, 7.52, 10.88, 7.54, 6.77, 7.54, 5.00, 5.00, 5.00, 9.00, 6.99, // P to _
        6.99, 6.61, 6.85, 5.73, 6.85, 6.55, 3.87, 6.85, 6.96, 3.02, 3.79, 6.51, 3.02, 10.70, 6.96, 6.68, // ` to o
        6.85, 6.85, 4.69, 5.73, 4.33, 6.96, 6.51, 9.00, 6.51, 6.51, 5.78, 6.98, 5.00, 6.98, 9.00,       // p to ~
    };
    private static final double WIDE = 11.0;
    private static final double OTHER = 6.6;

    private BadgeTextWidth() {
    }

    /** The text's width in px, rounded up. */
    static int of(String text) {
        double width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            width += width(cp);
        }
        return (int) Math.ceil(width);
    }

    private static double width(int cp) {
        if (cp >= 32 && cp <= 126) {
            return ASCII[cp - 32];
        }
        if (cp < 32) {
            return 0; // control characters are left out of the SVG
        }
        return switch (DisplayWidth.of(Character.toString(cp))) {
            case 0 -> 0;
            case 2 -> WIDE;
            default -> OTHER;
        };
    }
}
