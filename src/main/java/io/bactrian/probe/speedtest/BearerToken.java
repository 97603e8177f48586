package io.bactrian.probe.speedtest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Checks an {@code Authorization: Bearer} header against the configured token. */
final class BearerToken {
    private final byte[] expected;

    /** An empty token accepts nothing: an API without a token must not be open. */
    BearerToken(String token) {
        this.expected = token == null ? new byte[0] : token.trim().getBytes(StandardCharsets.UTF_8);
    }

    boolean configured() {
        return expected.length > 0;
    }

    boolean accepts(String authorization) {
        if (!configured() || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        // constant time, so that response times do not reveal how much of a guess was right
        return MessageDigest.isEqual(expected, given);
    }

    @Override
    public String toString() {
        return configured() ? "BearerToken[set]" : "BearerToken[empty]";
    }
}
