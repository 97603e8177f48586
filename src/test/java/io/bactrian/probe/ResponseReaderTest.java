package io.bactrian.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Response framing edge cases, fed from memory. */
class ResponseReaderTest {

    private static RawResponse read(String wire, int cap) throws IOException {
        return new ResponseReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)), cap).read(false);
    }

    @Test
    void chunkedBodyIsCutAtTheCap() throws IOException {
        RawResponse response = read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4\r\nabcd\r\n4\r\nefgh\r\n0\r\n\r\n", 6);

        assertTrue(response.truncated());
        assertArrayEquals("abcdef".getBytes(StandardCharsets.US_ASCII), response.body());
    }

    @Test
    void chunkedBodyEndingExactlyAtTheCapIsComplete() throws IOException {
        RawResponse response = read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4\r\nabcd\r\n0\r\n\r\n", 4);

        assertFalse(response.truncated());
        assertEquals("abcd", response.bodyText());
    }

    @Test
    void chunkedWinsOverContentLength() throws IOException {
        RawResponse response = read("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n0\r\n\r\n", 100);

        assertEquals("abc", response.bodyText());
    }

    @Test
    void repeatedHeadersKeepAllValuesAndFirstSpelling() throws IOException {
        RawResponse response = read("HTTP/1.1 200 OK\nSet-Cookie: a=1\nset-cookie: b=2\nContent-Length: 0\n\n", 10);

        assertEquals(java.util.List.of("a=1", "b=2"), response.headers().get("Set-Cookie"));
    }

    @Test
    void malformedFramingIsAProtocolError() {
        ProbeException badLength = assertThrows(ProbeException.class,
                () -> read("HTTP/1.1 200 OK\r\nContent-Length: lots\r\n\r\n", 10));
        ProbeException badChunk = assertThrows(ProbeException.class,
                () -> read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 10));
        ProbeException badHeader = assertThrows(ProbeException.class,
                () -> read("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", 10));

        assertEquals(FailureClass.PROTOCOL_ERROR, badLength.kind());
        assertEquals("invalid Content-Length: lots", badLength.getMessage());
        assertEquals(FailureClass.PROTOCOL_ERROR, badChunk.kind());
        assertEquals(FailureClass.PROTOCOL_ERROR, badHeader.kind());
    }
}
