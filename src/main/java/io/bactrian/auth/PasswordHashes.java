package io.bactrian.auth;

import java.nio.charset.StandardCharsets;

import at.favre.lib.crypto.bcrypt.BCrypt;

/** The bcrypt hashes of the users file's passwords. */
public final class PasswordHashes {
    /** bcrypt's cost: 2^11 rounds a check, slow on purpose; {@link Logins} remembers a check for a while. */
    static final int COST = 11;

    private PasswordHashes() {
    }

    /** {@code $2a$11$...}, with a fresh salt. */
    public static String hash(String password) {
        return new String(BCrypt.withDefaults().hash(COST, password.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.US_ASCII);
    }
}
