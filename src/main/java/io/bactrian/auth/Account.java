package io.bactrian.auth;

/**
 * One entry of the users file: a user, who logs in with a password whose bcrypt hash is
 * written, or an API token, whose SHA-256 is written. The file never holds the secret itself.
 *
 * @param hash {@code $2a$...} for a user, {@code sha256:<hex>} for a token
 */
record Account(String name, Role role, boolean token, String hash) {
    @Override
    public String toString() {
        return (token ? "token '" : "user '") + name + "' (" + role.word() + ")"; // never the hash
    }
}
