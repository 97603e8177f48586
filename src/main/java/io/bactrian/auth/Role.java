package io.bactrian.auth;

import java.util.Locale;
import java.util.Optional;

/** What a login may do: a viewer reads, an editor also writes, an admin also reads the audit log. */
public enum Role {
    VIEWER, EDITOR, ADMIN;

    /** Whether this role may do what {@code needed} may. */
    public boolean covers(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** The role a users file names ({@code viewer}, {@code editor}, {@code admin}). */
    public static Optional<Role> named(String name) {
        for (Role r : values()) {
            if (r.word().equals(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The role as the users file and the API write it. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
