package io.camelmonitor.channel;

import java.nio.charset.StandardCharsets;

/** Services count their limits in UTF-8 bytes or in characters; cuts never split a character. */
final class TextLimits {
    private TextLimits() {
    }

    /** The longest prefix of {@code text} whose UTF-8 encoding fits in {@code maxBytes}. */
    static String utf8Bytes(String text, int maxBytes) {
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

    /** At most {@code maxChars} characters (code points), as SMS template variables are counted. */
    static String codePoints(String text, int maxChars) {
        return text.codePointCount(0, text.length()) <= maxChars
                ? text : text.substring(0, text.offsetByCodePoints(0, maxChars));
    }
}
