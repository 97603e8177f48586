package io.bactrian.auth;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who a request is: HTTP basic auth for the users of the users file and for the status page's
 * login ({@code status-page.username} / {@code status-page.password}, an admin), or
 * {@code Authorization: Bearer <token>} for its API tokens. The users file is read again when
 * it changes. A password checked against its bcrypt hash is remembered for {@link #REMEMBERED_NANOS}
 * under an HMAC of the header with a key of this process, never the password itself, so that
 * a script polling the API does not pay bcrypt's cost each time.
 */
public final class Logins {
    private static final Logger LOG = LoggerFactory.getLogger(Logins.class);
    private static final long REMEMBERED_NANOS = 60_000_000_000L;
    /** More remembered logins than this and all are forgotten: a flood of distinct headers stays bounded. */
    private static final int REMEMBERED = 1000;
    private static final FileTime MISSING = FileTime.fromMillis(Long.MIN_VALUE);

    private final Path file;
    private final String fileName;
    private final Account page;
    private final byte[] pagePassword;
    private final Mac hmac;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    private volatile List<Account> accounts = List.of();
    /** The users file's time when last read; null before. */
    private volatile FileTime read;
    private volatile byte[] decoy;

    private record Remembered(Login login, long until) {
    }

    /**
     * @param file         the users file; missing: no users
     * @param fileName     how problems name it (as {@code users.file} writes it)
     * @param pageUser     {@code status-page.username}
     * @param pagePassword {@code status-page.password}; empty: no such login
     */
    public Logins(Path file, String fileName, String pageUser, String pagePassword) {
        this.file = file;
        this.fileName = fileName;
        this.page = new Account(pageUser == null || pageUser.isBlank() ? "admin" : pageUser, Role.ADMIN, false, "");
        this.pagePassword = pagePassword == null ? new byte[0] : pagePassword.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        reread();
    }

    /** Whether any login exists, so that one is asked for. */
    public boolean configured() {
        reread();
        return pagePassword.length > 0 || !accounts.isEmpty();
    }

    /** Whether the request may read: any login's, while one exists; anyone's while none does. */
    public boolean admits(Exchange exchange) {
        return !configured() || login(exchange).isPresent();
    }

    /** Who the request's {@code Authorization} says it is; empty when none or a wrong one. */
    public Optional<Login> login(Exchange exchange) {
        reread();
        String header = exchange.getMessage().getHeader("Authorization", String.class);
        if (header == null) {
            return Optional.empty();
        }
        header = header.strip();
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return token(header.substring(7).strip());
        }
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String key = key(header);
        Remembered known = remembered.get(key);
        if (known != null && known.until - System.nanoTime() > 0) {
            return Optional.of(known.login);
        }
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not base64
        }
        int colon = pair.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        Optional<Login> login = password(pair.substring(0, colon), pair.substring(colon + 1));
        login.ifPresent(l -> {
            if (remembered.size() >= REMEMBERED) {
                remembered.clear();
            }
            remembered.put(key, new Remembered(l, System.nanoTime() + REMEMBERED_NANOS));
        });
        return login;
    }

    private Optional<Login> password(String user, String password) {
        byte[] given = password.getBytes(StandardCharsets.UTF_8);
        if (pagePassword.length > 0 && MessageDigest.isEqual(user.getBytes(StandardCharsets.UTF_8),
                page.name().getBytes(StandardCharsets.UTF_8)) & MessageDigest.isEqual(given, pagePassword)) {
            return Optional.of(new Login(page.name(), page.role(), "password"));
        }
        for (Account a : accounts) {
            if (!a.token() && a.name().equals(user)) {
                return verified(given, a.hash().getBytes(StandardCharsets.US_ASCII)) ? Optional.of(new Login(a.name(), a.role(), "password")) : Optional.empty();
            }
        }
        // an unknown name costs what a known one does, so answers do not tell which names exist
        verified(given, decoy());
        return Optional.empty();
    }

    private static boolean verified(byte[] password, byte[] hash) {
        try {
            return BCrypt.verifyer().verify(password, hash).verified;
        } catch (IllegalArgumentException e) {
            return false; // over bcrypt's 72 bytes: no password hash-password took
        }
    }

    private Optional<Login> token(String token) {
        byte[] hash = ("sha256:" + Tokens.sha256(token)).getBytes(StandardCharsets.US_ASCII);
        Login found = null;
        for (Account a : accounts) { // each compared whole, so the time tells nothing of the hashes
            if (a.token() & MessageDigest.isEqual(hash, a.hash().getBytes(StandardCharsets.US_ASCII))) {
                found = new Login(a.name(), a.role(), "token");
            }
        }
        return Optional.ofNullable(found);
    }

    private byte[] decoy() {
        byte[] d = decoy;
        if (d == null) {
            d = BCrypt.withDefaults().hash(PasswordHashes.COST, new byte[16], new byte[1]);
            decoy = d;
        }
        return d;
    }

    private String key(String header) {
        synchronized (hmac) {
            return HexFormat.of().formatHex(hmac.doFinal(header.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Reads the users file again when its time changed; a file with problems leaves the users as they were. */
    private void reread() {
        FileTime now = stamp();
        if (now.equals(read)) {
            return;
        }
        synchronized (this) {
            if (now.equals(read)) {
                return;
            }
            UsersFile.Read users = UsersFile.read(file, fileName);
            if (users.problems().isEmpty()) {
                accounts = List.copyOf(users.accounts());
                remembered.clear(); // a removed user or a changed password is in force at once
                if (read != null || !accounts.isEmpty()) {
                    LOG.info("{}: {} users and tokens", fileName, accounts.size());
                }
            } else {
                LOG.warn("{} not read again, the users stay as they were: {}", fileName, users.problems().get(0));
            }
            read = now;
        }
    }

    private FileTime stamp() {
        try {
            return Files.getLastModifiedTime(file);
        } catch (java.io.IOException e) {
            return MISSING;
        }
    }

    /** Answers 401 asking for a login, without echoing the request's headers. */
    public static void challenge(Exchange exchange) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader("WWW-Authenticate", "Basic realm=\"bactrian\", charset=\"UTF-8\"");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 401);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getMessage().setBody("login required");
    }
}
