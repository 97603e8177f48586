package io.bactrian.channel;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** RFC 3986 encoding over UTF-8, as cloud API signatures require: only A-Z a-z 0-9 - _ . ~ stay. */
public final class PercentEncoding {
    private PercentEncoding() {
    }

    public static String encode(String text) {
        // URLEncoder is form encoding; these three differences make it RFC 3986
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }
}
