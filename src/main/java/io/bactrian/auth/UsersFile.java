package io.bactrian.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.bactrian.core.Problem;

/**
 * The users file ({@code users.file}, default users.yaml): its {@code users} log in with a
 * password, its {@code tokens} are for scripts and CI, each with a role. Only hashes are
 * written: a plain password is refused, and no message quotes a hash or a password.
 * <pre>
 * users:
 *   - name: alice
 *     role: admin
 *     password-hash: "$2a$12$..."   # java -jar bactrian.jar hash-password
 * tokens:
 *   - name: ci
 *     role: editor
 *     token-hash: "sha256:..."      # java -jar bactrian.jar new-token ci --role editor
 * </pre>
 */
public final class UsersFile {
    /** A bcrypt hash in its modular crypt form: version, cost, 22 characters of salt and 31 of hash. */
    private static final Pattern BCRYPT = Pattern.compile("\\$2[abxy]?\\$(0[4-9]|[12]\\d|3[01])\\$[./A-Za-z0-9]{53}");
    private static final Pattern TOKEN_HASH = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");
    private static final Map<String, String> HASH_FIELDS = Map.of("users", "password-hash", "tokens", "token-hash");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The accounts the file gives, and what is wrong with it; an entry with a problem gives none. */
    public record Read(List<Account> accounts, List<Problem> problems) {
    }

    private UsersFile() {
    }

    /** Reads {@code path}, named {@code name} in problems; a missing file has no users and no problem. */
    public static Read read(Path path, String name) {
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            return new Read(List.of(), List.of());
        } catch (IOException e) {
            return problem(name, null, "cannot be read: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = text.isBlank() ? YAML.createObjectNode() : YAML.readTree(text);
        } catch (IOException e) {
            // the parser's message quotes the line, which may hold a hash: say only where
            String at = e instanceof com.fasterxml.jackson.core.JsonProcessingException p && p.getLocation() != null
                    ? " at line " + p.getLocation().getLineNr() : "";
            return problem(name, null, "not YAML" + at);
        }
        if (root == null || !root.isObject()) {
            return problem(name, null, "must be a map with 'users' and 'tokens'");
        }
        List<Account> accounts = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        root.fieldNames().forEachRemaining(key -> {
            if (!HASH_FIELDS.containsKey(key)) {
                problems.add(new Problem(name, null, key, "unknown key (known: users, tokens)"));
            }
        });
        for (String list : List.of("users", "tokens")) {
            JsonNode entries = root.path(list);
            if (entries.isMissingNode() || entries.isNull()) {
                continue;
            }
            if (!entries.isArray()) {
                problems.add(new Problem(name, null, list, "must be a list of entries, each '- name: ...'"));
                continue;
            }
            Set<String> names = new HashSet<>();
            for (JsonNode entry : entries) {
                entry(name, list, entry, names, problems).ifPresent(accounts::add);
            }
        }
        return new Read(List.copyOf(accounts), List.copyOf(problems));
    }

    /** Whether a user or token may have this name. */
    static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }

    private static java.util.Optional<Account> entry(String file, String list, JsonNode entry, Set<String> names,
                                                     List<Problem> problems) {
        boolean token = list.equals("tokens");
        String what = token ? "token" : "user";
        String hashField = HASH_FIELDS.get(list);
        String name = entry.path("name").isTextual() ? entry.path("name").asText() : "";
        String at = what + " '" + name + "'";
        int before = problems.size();
        if (!entry.isObject()) {
            problems.add(new Problem(file, null, list, "an entry must be a map: name, role, " + hashField));
            return java.util.Optional.empty();
        }
        if (!validName(name)) {
            problems.add(new Problem(file, null, at + ": name", "a name holds letters, digits, '.', '_', '@' and '-',"
                    + " starting with a letter or digit (at most 100)"));
        } else if (!names.add(name)) {
            problems.add(new Problem(file, null, at + ": name", "a second " + what + " of this name"));
        }
        String roleText = entry.path("role").asText("");
        Role role = Role.named(roleText).orElse(null);
        if (role == null) {
            problems.add(new Problem(file, null, at + ": role", (roleText.isEmpty() ? "missing" : "'" + roleText
                    + "' is no role") + "; one of viewer, editor, admin"));
        }
        entry.fieldNames().forEachRemaining(key -> {
            if (key.equals("password") || key.equals("token")) {
                problems.add(new Problem(file, null, at + ": " + key, "a plain " + key + " is never stored; write "
                        + hashField + ", the line 'java -jar bactrian.jar " + (token ? "new-token" : "hash-password")
                        + "' prints"));
            } else if (!Set.of("name", "role", hashField).contains(key)) {
                problems.add(new Problem(file, null, at + ": " + key, "unknown key (known: name, role, " + hashField + ")"));
            }
        });
        String hash = entry.path(hashField).asText("");
        if (hash.isEmpty()) {
            if (!entry.has("password") && !entry.has("token")) {
                problems.add(new Problem(file, null, at + ": " + hashField, "missing"));
            }
        } else if (!(token ? TOKEN_HASH : BCRYPT).matcher(hash).matches()) {
            problems.add(new Problem(file, null, at + ": " + hashField, token
                    ? "not a token's hash (sha256: and 64 hex digits, as 'java -jar bactrian.jar new-token' prints)"
                    : "not a bcrypt hash ($2a$, $2b$ or $2y$, as 'java -jar bactrian.jar hash-password' prints);"
                    + " a plain password is never stored"));
        }
        return problems.size() > before ? java.util.Optional.empty()
                : java.util.Optional.of(new Account(name, role, token, hash));
    }

    private static Read problem(String file, String field, String message) {
        return new Read(List.of(), List.of(new Problem(file, null, field, message)));
    }
}
