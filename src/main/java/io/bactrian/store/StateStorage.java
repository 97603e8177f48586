package io.bactrian.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the state a run leaves (alert state, queued alerts, history) is there for the next
 * run. It is not on Function Compute or SCF when there is no {@code history.jdbc-url} and the
 * data folder is on the function instance's own disk (its code folder, /tmp) rather than a
 * mounted NAS or CFS file system: the instance and its disk go after a while, and every run on a
 * new one starts from nothing, so a lasting incident is announced again and queued alerts are
 * lost. Elsewhere the folder is taken to be where the user keeps it.
 */
public final class StateStorage {
    private static final Logger LOG = LoggerFactory.getLogger(StateStorage.class);
    /** Set in every Function Compute and SCF instance, by the platform. */
    private static final Map<String, String> PLATFORMS = Map.of("FC_FUNCTION_NAME", "Function Compute",
            "SCF_FUNCTIONNAME", "SCF");
    /** File systems of mounted network storage (NAS, CFS: NFS; SMB shares). */
    private static final Set<String> NETWORK = Set.of("nfs", "nfs4", "cifs", "smb3", "smbfs");
    private static final Path MOUNTS = Path.of("/proc/self/mountinfo");

    private StateStorage() {
    }

    /**
     * Logs one WARN line when every run will forget its state: what {@code once} and the
     * function mode call at start-up.
     */
    public static void warnIfForgotten(PropertiesComponent props) {
        List<String> mounts;
        try {
            mounts = Files.isReadable(MOUNTS) ? Files.readAllLines(MOUNTS) : List.of();
        } catch (IOException e) {
            mounts = List.of();
        }
        forgotten(props.resolveProperty("history.jdbc-url").orElse(""),
                Path.of(props.resolveProperty("bactrian.data-dir").orElse("data")), System.getenv(), mounts)
                .ifPresent(LOG::warn);
    }

    /**
     * The warning, when the state will be forgotten.
     *
     * @param mounts the lines of {@code /proc/self/mountinfo}
     */
    static Optional<String> forgotten(String jdbcUrl, Path dataDir, Map<String, String> env, List<String> mounts) {
        if (!jdbcUrl.isBlank()) {
            return Optional.empty();
        }
        Optional<String> variable = PLATFORMS.keySet().stream().filter(v -> !env.getOrDefault(v, "").isBlank())
                .sorted().findFirst();
        if (variable.isEmpty()) {
            return Optional.empty();
        }
        Path dir = real(dataDir);
        String type = fileSystem(dir, mounts);
        if (NETWORK.contains(type)) {
            return Optional.empty();
        }
        return Optional.of("State is not kept between runs: on " + PLATFORMS.get(variable.get()) + " (" + variable.get()
                + " is set) the data folder " + dir + " is on the instance's own disk (" + type + "), which goes with"
                + " the instance, and history.jdbc-url is empty; each new instance starts with no alert state (a lasting"
                + " incident is announced again) and loses the alerts still queued. Set history.jdbc-url, or"
                + " bactrian.data-dir to a folder on a mounted NAS or CFS file system (docs/operations/once.md)");
    }

    /** The folder with links resolved, as far as it exists yet. */
    private static Path real(Path dir) {
        Path path = dir.toAbsolutePath().normalize();
        for (Path p = path; p != null; p = p.getParent()) {
            try {
                return p.toRealPath().resolve(p.relativize(path));
            } catch (IOException e) {
                // not there yet: its parent
            }
        }
        return path;
    }

    /** The type of the file system {@code dir} is on: that of the longest mount point above it ("unknown" if none). */
    static String fileSystem(Path dir, List<String> mounts) {
        String type = "unknown";
        int longest = -1;
        for (String line : mounts) {
            // <id> <parent> <dev> <root> <mount point> <options> [optional fields] - <type> <source> <options>
            String[] fields = line.split(" ");
            int dash = List.of(fields).indexOf("-");
            if (fields.length < 5 || dash < 0 || dash + 1 >= fields.length) {
                continue;
            }
            Path point = Path.of(unescape(fields[4]));
            if (dir.startsWith(point) && point.getNameCount() >= longest) { // a later mount on the same point hides an earlier one
                longest = point.getNameCount();
                type = fields[dash + 1];
            }
        }
        return type;
    }

    /** Mount points write a space, tab, newline or backslash as an octal escape: {@code \040}. */
    private static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
