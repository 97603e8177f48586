package io.bactrian.probe;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/** Where one hop goes: the parts of a URL the probe needs, with IPv6 brackets handled. */
public record Target(URI url, boolean https, String host, int port) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    static Target of(URI url) {
        boolean https = url.getScheme().equalsIgnoreCase("https");
        String host = url.getHost();
        // URI keeps the brackets of an IPv6 literal; sockets and TLS want the bare address
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
        return new Target(url, https, host.toLowerCase(Locale.ROOT), port);
    }

    /** True for an IPv4 or IPv6 literal: no DNS lookup, no SNI. */
    public boolean hostIsAddress() {
        return host.indexOf(':') >= 0 || IPV4.matcher(host).matches();
    }

    /** The Host header value: brackets around IPv6, port only when not the scheme's default. */
    String authority() {
        String name = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == (https ? 443 : 80) ? name : name + ":" + port;
    }

    /** Path and query as sent on the request line; the fragment never leaves the client. */
    String requestTarget() {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    static String hostPort(String ip, int port) {
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
    }
}
