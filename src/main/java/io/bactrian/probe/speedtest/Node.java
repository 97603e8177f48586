package io.bactrian.probe.speedtest;

import java.util.Locale;

/**
 * A place probes run from: this process, another bactrian in that region, a
 * blackbox_exporter, or a Globalping location. Region and ISP are what the alert's per-node
 * table shows, e.g. 江苏宿迁[电信].
 *
 * @param id       unique id in its list
 * @param name     display name; defaults to province + city + [isp]
 * @param province province or region
 * @param city     city
 * @param isp      carrier, e.g. 电信, 联通, 移动
 * @param kind     how probes reach it
 * @param endpoint base URL of the node's API (not for {@code local})
 * @param token    bearer token or API key, null if none; never printed
 * @param module   blackbox_exporter module, e.g. http_2xx
 * @param location Globalping location selector, e.g. "Jiangsu" or "AS4134"
 * @param limit    Globalping probes per measurement
 */
public record Node(String id, String name, String province, String city, String isp, Kind kind, String endpoint,
                   String token, String module, String location, int limit) {

    public enum Kind {
        LOCAL, BACTRIAN, BLACKBOX, GLOBALPING;

        /** {@code local}, {@code bactrian} (also its old name {@code camel-monitor}), {@code blackbox}, {@code globalping}. */
        public static Kind of(String text) {
            String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                return "CAMEL_MONITOR".equals(name) ? BACTRIAN : valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "kind '" + text + "': must be local, bactrian, blackbox or globalping");
            }
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** This process, for monitors without a node list. */
    public static Node local() {
        return new Node("local", "local", "", "", "", Kind.LOCAL, null, null, null, null, 1);
    }

    public String displayName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        String place = nullToEmpty(province) + nullToEmpty(city);
        String carrier = isp == null || isp.isBlank() ? "" : "[" + isp + "]";
        return place.isEmpty() && carrier.isEmpty() ? id : place + carrier;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    public String toString() {
        // no token
        return "Node[" + id + " " + displayName() + " " + kind.label() + (endpoint == null ? "" : " " + endpoint) + "]";
    }
}
