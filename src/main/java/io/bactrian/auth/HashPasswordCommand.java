package io.bactrian.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import io.bactrian.core.Usage;

/**
 * The {@code hash-password} command: reads a password from standard input (not echoed at a
 * terminal) and prints its bcrypt hash for the users file's {@code password-hash}.
 */
public final class HashPasswordCommand {
    public static final String HELP = """
            usage: hash-password < password.txt

            Reads a password from standard input, one line (at a terminal it is not shown), and
            prints its bcrypt hash for a user's password-hash in the users file (users.yaml):
              users:
                - name: alice
                  role: editor
                  password-hash: "<the printed hash>"
            Exit 0, or 2 for an empty password or one over 72 bytes (bcrypt reads no more).
            """;
    /** bcrypt reads this many bytes of a password: a longer one would match any of its prefix's kin. */
    static final int MAX_BYTES = 72;

    private HashPasswordCommand() {
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) throws IOException {
        if (Usage.asked(args)) {
            out.print(HELP);
            return 0;
        }
        if (args.length > 0) {
            err.println(Usage.unknown("hash-password", args[0]));
            return 2;
        }
        String password;
        if (System.console() != null && in == System.in) {
            char[] typed = System.console().readPassword("password: ");
            password = typed == null ? null : new String(typed);
        } else {
            password = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        }
        if (password == null || password.isEmpty()) {
            err.println("hash-password: no password on standard input");
            return 2;
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            err.println("hash-password: the password is over " + MAX_BYTES + " bytes, which bcrypt does not read");
            return 2;
        }
        out.println(PasswordHashes.hash(password));
        return 0;
    }
}
