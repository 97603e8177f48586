package io.bactrian.probe;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one HTTP/1.x response: status line, headers, and a body framed by chunked encoding,
 * Content-Length or the end of the connection.
 */
final class ResponseReader {

    private static final Pattern STATUS_LINE = Pattern.compile("(HTTP/\\d(?:\\.\\d)?) (\\d{3})(?: .*)?");
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_HEADERS = 256;
    private static final int BUFFER = 16 * 1024;

    private final InputStream in;
    private final BodySink body;
    private final byte[] buffer = new byte[BUFFER];

    ResponseReader(InputStream in, int maxBodyBytes) {
        this.in = new BufferedInputStream(in, BUFFER);
        this.body = new BodySink(maxBodyBytes);
    }

    /** Blocks until the first response byte arrives, without consuming it. */
    void awaitFirstByte() throws IOException {
        in.mark(1);
        if (in.read() < 0) {
            throw new ProbeException(FailureClass.CONNECTION_RESET,
                    "connection closed by the server without a response");
        }
        in.reset();
    }

    /**
     * @param bodyless true for a HEAD request, whose response has headers but no body
     */
    RawResponse read(boolean bodyless) throws IOException {
        Matcher status;
        Map<String, List<String>> headers;
        do { // 1xx responses (100 Continue, 103 Early Hints) precede the real one
            status = statusLine(line());
            headers = headers();
        } while (status.group(2).startsWith("1") && !status.group(2).equals("101"));
        int code = Integer.parseInt(status.group(2));
        if (!bodyless && code != 204 && code != 304 && code / 100 != 1) {
            readBody(headers);
        }
        return new RawResponse(status.group(1), code, HeaderMaps.freeze(headers), body.toByteArray(),
                body.truncated());
    }

    private static Matcher statusLine(String line) throws ProbeException {
        Matcher m = STATUS_LINE.matcher(line);
        if (!m.matches()) {
            throw protocolError("malformed status line: " + printable(line));
        }
        return m;
    }

    private Map<String, List<String>> headers() throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int count = 0; ; count++) {
            String line = line();
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || count >= MAX_HEADERS) {
                throw protocolError(count >= MAX_HEADERS ? "more than " + MAX_HEADERS + " response headers"
                        : "malformed header line: " + printable(line));
            }
            HeaderMaps.add(headers, line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
    }

    private void readBody(Map<String, List<String>> headers) throws IOException {
        String encoding = HeaderMaps.first(headers, "Transfer-Encoding");
        String length = HeaderMaps.first(headers, "Content-Length");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).trim().endsWith("chunked")) {
            readChunked(); // chunked wins over Content-Length (RFC 9112 6.3)
        } else if (length != null) {
            readFixed(parseLength(length));
        } else {
            readUntilClose();
        }
    }

    private static long parseLength(String value) throws ProbeException {
        try {
            long length = Long.parseLong(value.trim());
            if (length >= 0) {
                return length;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw protocolError("invalid Content-Length: " + printable(value));
    }

    private void readFixed(long length) throws IOException {
        long remaining = length;
        while (remaining > 0) {
            int n = in.read(buffer, 0, body.nextReadSize(BUFFER, remaining));
            if (n < 0) {
                throw new ProbeException(FailureClass.CONNECTION_RESET, "connection closed after "
                        + (length - remaining) + " of " + length + " body bytes");
            }
            remaining -= n;
            if (!body.add(buffer, n)) {
                return;
            }
        }
    }

    private void readUntilClose() throws IOException {
        int n;
        while ((n = in.read(buffer, 0, body.nextReadSize(BUFFER, BUFFER))) >= 0) {
            if (!body.add(buffer, n)) {
                return;
            }
        }
    }

    private void readChunked() throws IOException {
        while (true) {
            String sizeLine = line();
            int semicolon = sizeLine.indexOf(';'); // chunk extensions carry nothing we need
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw protocolError("malformed chunk size: " + printable(sizeLine));
            }
            if (size < 0) {
                throw protocolError("malformed chunk size: " + printable(sizeLine));
            }
            if (size == 0) {
                headers(); // trailer section, ignored
                return;
            }
            long remaining = size;
            while (remaining > 0) {
                int n = in.read(buffer, 0, body.nextReadSize(BUFFER, remaining));
                if (n < 0) {
                    throw new ProbeException(FailureClass.CONNECTION_RESET,
                            "connection closed in the middle of a chunk");
                }
                remaining -= n;
                if (!body.add(buffer, n)) {
                    return;
                }
            }
            if (!line().isEmpty()) {
                throw protocolError("chunk longer than its declared size");
            }
        }
    }

    /** One line without its CRLF (a bare LF is tolerated), decoded as ISO-8859-1. */
    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(80);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new ProbeException(FailureClass.CONNECTION_RESET,
                        "connection closed in the middle of the response headers");
            }
            if (line.size() >= MAX_LINE) {
                throw protocolError("response line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static ProbeException protocolError(String message) {
        return new ProbeException(FailureClass.PROTOCOL_ERROR, message);
    }

    /** A short, log-safe excerpt of what the server sent. */
    private static String printable(String text) {
        String clean = text.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 60 ? clean.substring(0, 60) + "..." : clean;
    }
}
