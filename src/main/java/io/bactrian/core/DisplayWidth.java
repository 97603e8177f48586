package io.bactrian.core;

/**
 * How many terminal columns a text takes, for tables printed by the commands: East Asian wide
 * and fullwidth characters (江苏, ｔｅｌ, 한글) take two, combining marks none (Unicode UAX #11).
 */
public final class DisplayWidth {
    private DisplayWidth() {
    }

    public static int of(String text) {
        return text.codePoints().map(DisplayWidth::columns).sum();
    }

    /** The text, then spaces up to {@code width} columns. */
    public static String padRight(String text, int width) {
        return text + " ".repeat(Math.max(0, width - of(text)));
    }

    /** Spaces up to {@code width} columns, then the text. */
    public static String padLeft(String text, int width) {
        return " ".repeat(Math.max(0, width - of(text))) + text;
    }

    private static int columns(int cp) {
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
            return 0;
        }
        return wide(cp) ? 2 : 1;
    }

    /** The East Asian Wide (W) and Fullwidth (F) blocks. */
    private static boolean wide(int cp) {
        return cp >= 0x1100 && cp <= 0x115F           // Hangul Jamo initials
                || cp >= 0x2E80 && cp <= 0x303E       // CJK radicals, Kangxi, CJK symbols and punctuation
                || cp >= 0x3041 && cp <= 0x33FF       // kana, Bopomofo, Hangul compatibility, CJK strokes and enclosed
                || cp >= 0x3400 && cp <= 0x4DBF       // CJK extension A
                || cp >= 0x4E00 && cp <= 0x9FFF       // CJK unified ideographs
                || cp >= 0xA000 && cp <= 0xA4CF       // Yi
                || cp >= 0xA960 && cp <= 0xA97F       // Hangul Jamo extended A
                || cp >= 0xAC00 && cp <= 0xD7A3       // Hangul syllables
                || cp >= 0xF900 && cp <= 0xFAFF       // CJK compatibility ideographs
                || cp >= 0xFE10 && cp <= 0xFE19       // vertical forms
                || cp >= 0xFE30 && cp <= 0xFE6F       // CJK compatibility and small form variants
                || cp >= 0xFF00 && cp <= 0xFF60       // fullwidth forms
                || cp >= 0xFFE0 && cp <= 0xFFE6       // fullwidth signs
                || cp >= 0x1F300 && cp <= 0x1F64F     // pictographs and emoticons
                || cp >= 0x1F900 && cp <= 0x1F9FF     // supplemental pictographs
                || cp >= 0x20000 && cp <= 0x3FFFD;    // CJK extensions B and later
    }
}
