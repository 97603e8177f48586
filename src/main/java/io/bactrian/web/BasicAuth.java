package io.bactrian.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import org.apache.camel.Exchange;

/**
 * The status page's login ({@code status-page.username}, {@code status-page.password}): HTTP basic
 * auth when a password is set. The comparison takes the same time whatever matches.
 */
public final class BasicAuth {
    private final byte[] username;
    private final byte[] password;

    public BasicAuth(String username, String password) {
        this.username = (username == null ? "" : username).getBytes(StandardCharsets.UTF_8);
        this.password = password == null ? new byte[0] : password.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether a password is set, so that a login is asked for. */
    public boolean configured() {
        return password.length > 0;
    }

    /** Whether the request carries the login; true when no password is set. */
    public boolean matches(Exchange exchange) {
        if (!configured()) {
            return true;
        }
        String header = exchange.getMessage().getHeader("Authorization", String.class);
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon >= 0) {
                    boolean user = MessageDigest.isEqual(pair.substring(0, colon).getBytes(StandardCharsets.UTF_8),
                            username);
                    boolean pass = MessageDigest.isEqual(pair.substring(colon + 1).getBytes(StandardCharsets.UTF_8),
                            password);
                    return user & pass;
                }
            } catch (IllegalArgumentException e) {
                return false; // not base64
            }
        }
        return false;
    }

    /** Answers 401 asking for the login, without echoing the request's headers. */
    public static void challenge(Exchange exchange) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader("WWW-Authenticate", "Basic realm=\"bactrian\", charset=\"UTF-8\"");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 401);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getMessage().setBody("login required");
    }
}
