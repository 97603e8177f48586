package io.bactrian.probe;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed response, before it becomes part of a {@link ProbeResult}. */
record RawResponse(String httpVersion, int status, Map<String, List<String>> headers, byte[] body,
                   boolean truncated) {

    private static final Pattern CHARSET = Pattern.compile(";\\s*charset=\"?([^\";\\s]+)", Pattern.CASE_INSENSITIVE);

    String header(String name) {
        return HeaderMaps.first(headers, name);
    }

    boolean isRedirect() {
        return switch (status) {
            case 301, 302, 303, 307, 308 -> true;
            default -> false;
        };
    }

    /** The body decoded with the charset named in Content-Type, UTF-8 if none or unknown. */
    String bodyText() {
        return new String(body, charset());
    }

    private Charset charset() {
        String type = header("Content-Type");
        if (type != null) {
            Matcher m = CHARSET.matcher(type);
            if (m.find()) {
                try {
                    return Charset.forName(m.group(1));
                } catch (IllegalArgumentException unknown) {
                    // fall through: a wrong label should not fail the probe
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
