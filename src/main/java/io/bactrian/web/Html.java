package io.bactrian.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Escaping and formatting for the status pages. */
final class Html {
    // built once: the overview formats a time for each of its 24 bars per monitor
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private Html() {
    }

    static String esc(Object o) {
        if (o == null) {
            return "";
        }
        String s = o.toString();
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String ms(Double v) {
        if (v == null || v.isNaN()) {
            return "–";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%.0f ms", v) : String.format(Locale.ROOT, "%.1f ms", v);
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String percent(Double v) {
        if (v == null) {
            return "–";
        }
        return v >= 99.995 ? "100%" : String.format(Locale.ROOT, "%.2f%%", v);
    }

    static String time(Long ms, ZoneId zone) {
        if (ms == null) {
            return "–";
        }
        return TIME.withZone(zone).format(Instant.ofEpochMilli(ms));
    }

    static String clock(long ms, ZoneId zone) {
        return CLOCK.withZone(zone).format(Instant.ofEpochMilli(ms));
    }

    static String duration(long ms) {
        long s = Math.max(0, ms / 1000);
        if (s < 60) {
            return s + "s";
        }
        long m = s / 60;
        if (m < 60) {
            return m + "m " + s % 60 + "s";
        }
        long h = m / 60;
        if (h < 24) {
            return h + "h " + m % 60 + "m";
        }
        return h / 24 + "d " + h % 24 + "h";
    }

    /** The URL path segment of a monitor id. */
    static String path(String id) {
        return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
