package io.bactrian.channel;

import java.nio.charset.StandardCharsets;

/**
 * Services count their limits in UTF-8 bytes or in characters; cuts never split a character,
 * and a text that had to be cut says so with a mark.
 */
public final class TextLimits {
    /** How an SMS variable that had to be cut ends. */
    public static final String ELLIPSIS = "…";
    /** Between the lines a cut keeps and its mark: a blank line, so the mark never joins a markdown table. */
    public static final String MARK_BREAK = "\n\n";

    private TextLimits() {
    }

    /** The longest prefix of {@code text} whose UTF-8 encoding fits in {@code maxBytes}. */
    public static String utf8Bytes(String text, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            end += Character.charCount(cp);
        }
        return text.substring(0, end);
    }

    /**
     * {@code text} when it fits in {@code maxBytes} UTF-8 bytes; else its whole lines that fit
     * with {@code mark} after them, or when not even the first line fits, as much of it as fits
     * before the mark.
     */
    public static String cut(String text, int maxBytes, String mark) {
        if (bytes(text) <= maxBytes) {
            return text;
        }
        String tail = MARK_BREAK + mark;
        int room = maxBytes - bytes(tail);
        String lines = room > 0 ? utf8Bytes(text, room) : "";
        int lastBreak = lines.lastIndexOf('\n');
        if (lastBreak > 0 && lines.length() < text.length()) {
            return lines.substring(0, lastBreak).stripTrailing() + tail;
        }
        return utf8Bytes(text, Math.max(0, maxBytes - bytes(mark))) + mark;
    }

    /**
     * At most {@code maxChars} characters (code points), as SMS template variables are counted;
     * a longer text keeps {@code maxChars - 1} and ends in "…".
     */
    public static String codePoints(String text, int maxChars) {
        return text.codePointCount(0, text.length()) <= maxChars
                ? text : text.substring(0, text.offsetByCodePoints(0, Math.max(0, maxChars - 1))) + ELLIPSIS;
    }

    public static int bytes(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
