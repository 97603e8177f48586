package io.bactrian.auth;

/**
 * Who made a request: a user of the users file (or the status page's login), or one of its API
 * tokens, with the role it has.
 *
 * @param name the user's or the token's name, as the users file writes it
 * @param role what it may do
 * @param via  {@code password} or {@code token}
 */
public record Login(String name, Role role, String via) {
}
