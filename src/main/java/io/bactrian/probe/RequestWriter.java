package io.bactrian.probe;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Formats an HTTP/1.1 request. */
final class RequestWriter {

    static final String USER_AGENT = "bactrian/0.1";

    /** Set by the probe itself: every probe is one exchange on its own connection. */
    private static final Set<String> RESERVED = Set.of("connection", "content-length", "transfer-encoding");

    /** Methods whose servers may insist on a Content-Length even without a body. */
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    private RequestWriter() {
    }

    static byte[] format(String method, Target target, Map<String, String> headers, String body) {
        StringBuilder head = new StringBuilder(256);
        head.append(method).append(' ').append(target.requestTarget()).append(" HTTP/1.1\r\n");
        if (!HeaderMaps.has(headers, "Host")) {
            line(head, "Host", target.authority());
        }
        if (!HeaderMaps.has(headers, "User-Agent")) {
            line(head, "User-Agent", USER_AGENT);
        }
        if (!HeaderMaps.has(headers, "Accept")) {
            line(head, "Accept", "*/*");
        }
        headers.forEach((name, value) -> {
            if (!RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                line(head, name, value);
            }
        });
        line(head, "Connection", "close");
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null || BODY_METHODS.contains(method)) {
            line(head, "Content-Length", Integer.toString(content.length));
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + content.length);
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static void line(StringBuilder head, String name, String value) {
        head.append(name).append(": ").append(value).append("\r\n");
    }
}
