package io.bactrian.auth;

import java.io.PrintStream;
import java.util.Optional;

import io.bactrian.core.Usage;

/**
 * The {@code new-token} command: makes an API token, prints it this once, and prints the lines
 * of the users file that let it in: its name, role and hash, never the token.
 */
public final class NewTokenCommand {
    public static final String HELP = """
            usage: new-token <name> [--role viewer|editor|admin]

            Makes an API token for a script or CI and prints it once, with the entry to add under
            tokens: in the users file (users.yaml), which keeps only the token's hash. Requests send
            it as 'Authorization: Bearer <token>'.
              --role  what the token may do: viewer reads, editor also writes, admin also reads
                      the audit log (default viewer)
            Exit 0, or 2 for a bad name or option.
            """;

    private NewTokenCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (Usage.asked(args)) {
            out.print(HELP);
            return 0;
        }
        String name = null;
        Role role = Role.VIEWER;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--role") && i + 1 < args.length) {
                Optional<Role> named = Role.named(args[++i]);
                if (named.isEmpty()) {
                    err.println("new-token: --role: '" + args[i] + "' is no role; one of viewer, editor, admin");
                    return 2;
                }
                role = named.get();
            } else if (args[i].startsWith("-") || name != null) {
                err.println(Usage.unknown("new-token", args[i]));
                return 2;
            } else {
                name = args[i];
            }
        }
        if (name == null || !UsersFile.validName(name)) {
            err.println("new-token: usage: new-token <name> [--role viewer|editor|admin]; a name holds letters,"
                    + " digits, '.', '_', '@' and '-' (see 'new-token --help')");
            return 2;
        }
        String token = Tokens.generate();
        out.println("token: " + token);
        out.println("(shown this once: keep it in the script's secrets; the users file keeps only its hash)");
        out.println("add to the users file (users.yaml):");
        out.println("tokens:");
        out.println("  - name: " + name);
        out.println("    role: " + role.word());
        out.println("    token-hash: \"sha256:" + Tokens.sha256(token) + "\"");
        return 0;
    }
}
