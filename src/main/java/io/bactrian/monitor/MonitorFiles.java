package io.bactrian.monitor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads the monitor lists: each file a mapping with optional {@code defaults} and a list
 * {@code monitors}. It checks the shape (ids, kinds, one value per key) and fills in defaults;
 * what a kind's settings mean is checked by the kind's steps.
 */
public final class MonitorFiles {
    /** An id is used in URIs, metric labels and file names. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    /** What {@link #isId} takes, said after the id: ids end up in URLs, metric labels and route ids. */
    public static final String ID_RULE = "may hold only ASCII letters (a-z, A-Z), digits, '.', '_' and '-', starting"
            + " with a letter or digit (at most 100); a name in other letters, such as Chinese, goes in description";
    /** A tag is a word in links and filters. */
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,49}");
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Set<String> TOP = Set.of("defaults", "monitors");
    /** Settings that are true or false: {@code enabled}, and {@code private} (badges only with the status page login). */
    private static final List<String> FLAGS = List.of("enabled", "private");

    /** What the files hold: the enabled monitors in file order, and every problem found. */
    public record Loaded(List<Monitor> monitors, List<MonitorProblem> problems) {
    }

    private MonitorFiles() {
    }

    /** Whether {@code id} may be a monitor's id. */
    public static boolean isId(String id) {
        return ID.matcher(id).matches() && !id.equals("monitor");
    }

    /** Whether {@code key} is a setting's name as the lists write it, in kebab-case. */
    public static boolean isKey(String key) {
        return KEY.matcher(key).matches();
    }

    /** Whether one of the globs names {@code file} (absolute), whether or not it exists. */
    public static boolean named(String globs, Path base, Path file) {
        return globs(globs, base).stream().anyMatch(g -> g.dir().toAbsolutePath().normalize().equals(file.getParent())
                && g.names().matches(file.getFileName()));
    }

    /** A glob of {@code monitors.files}: its folder and the pattern of the names in it. */
    private record Glob(Path dir, PathMatcher names) {
    }

    private static List<Glob> globs(String globs, Path base) {
        List<Glob> list = new ArrayList<>();
        for (String glob : globs.split(",")) {
            glob = glob.strip();
            if (!glob.isEmpty()) {
                int slash = glob.lastIndexOf('/');
                list.add(new Glob(base.resolve(slash < 0 ? "." : glob.substring(0, slash)),
                        FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(slash + 1))));
            }
        }
        return list;
    }

    /** The files a glob such as {@code monitors/*.yaml} names, relative paths from {@code base}, sorted. */
    public static List<Path> matching(String globs, Path base) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Glob glob : globs(globs, base)) {
            if (!Files.isDirectory(glob.dir())) {
                continue;
            }
            try (Stream<Path> list = Files.list(glob.dir())) {
                list.filter(p -> Files.isRegularFile(p) && glob.names().matches(p.getFileName())).sorted().forEach(files::add);
            }
        }
        return files;
    }

    /**
     * Reads the files. {@code placeholders} resolves {@code {{key}}} in values as the route files'
     * are; {@code name} says how a file is named in messages (relative to the project).
     */
    public static Loaded load(List<Path> files, UnaryOperator<String> placeholders, java.util.function.Function<Path, String> name) {
        return load(files, Map.of(), placeholders, name);
    }

    /**
     * Reads the files as {@link #load(List, UnaryOperator, java.util.function.Function)}, each path of
     * {@code texts} (absolute, normalized) with that text instead of the file's: a change checked before it
     * is written.
     */
    public static Loaded load(List<Path> files, Map<Path, String> texts, UnaryOperator<String> placeholders,
                              java.util.function.Function<Path, String> name) {
        List<Monitor> monitors = new ArrayList<>();
        List<MonitorProblem> problems = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (Path path : files) {
            String file = name.apply(path);
            Object doc;
            try {
                String text = texts.get(path.toAbsolutePath().normalize());
                if (text == null) {
                    text = Files.readString(path, StandardCharsets.UTF_8);
                }
                doc = new Load(LoadSettings.builder().setLabel(file).build()).loadFromString(text);
            } catch (IOException e) {
                problems.add(new MonitorProblem(file, null, null, "cannot be read: " + e.getMessage()));
                continue;
            } catch (YamlEngineException e) {
                problems.add(new MonitorProblem(file, null, null, "not valid YAML: "
                        + e.getMessage().lines().map(String::strip).collect(Collectors.joining(" "))));
                continue;
            }
            new FileReader(file, placeholders, problems).read(doc, monitors, seen);
        }
        return new Loaded(monitors, problems);
    }

    /** One file's entries. */
    private record FileReader(String file, UnaryOperator<String> placeholders, List<MonitorProblem> problems) {

        void read(Object doc, List<Monitor> monitors, Map<String, String> seen) {
            if (doc == null) {
                return; // an empty file lists no monitor
            }
            if (!(doc instanceof Map<?, ?> top)) {
                problem(null, null, "must be a mapping with 'monitors:' (a list) and optional 'defaults:'");
                return;
            }
            for (Object key : top.keySet()) {
                if (!TOP.contains(String.valueOf(key))) {
                    problem(null, String.valueOf(key), "unknown key (known: defaults, monitors)");
                }
            }
            Map<String, String> defaults = new LinkedHashMap<>();
            Object d = top.get("defaults");
            if (d instanceof Map<?, ?> map) {
                settings(null, map, defaults);
            } else if (d != null) {
                problem(null, "defaults", "must be a mapping of settings");
            }
            Object list = top.get("monitors");
            if (list == null) {
                return;
            }
            if (!(list instanceof List<?> entries)) {
                problem(null, "monitors", "must be a list of monitors ('- id: ...')");
                return;
            }
            for (int i = 0; i < entries.size(); i++) {
                Monitor monitor = entry(i, entries.get(i), defaults, seen);
                if (monitor != null && !"false".equals(monitor.setting("enabled"))) {
                    monitors.add(monitor);
                }
            }
        }

        private Monitor entry(int index, Object entry, Map<String, String> defaults, Map<String, String> seen) {
            String where = "monitors[" + index + "]";
            if (!(entry instanceof Map<?, ?> map)) {
                problem(null, where, "must be a mapping with at least 'id:'");
                return null;
            }
            Object rawId = map.get("id");
            String id = rawId == null ? null : String.valueOf(rawId).strip();
            if (id == null || id.isEmpty()) {
                problem(null, where + ".id", "is missing");
                return null;
            }
            int before = problems.size();
            if (!ID.matcher(id).matches()) {
                problem(id, "id", "'" + id + "' " + ID_RULE);
            } else if (id.equals("monitor")) {
                problem(id, "id", "'monitor' is the label of a kind's steps; choose another id");
            }
            String other = seen.putIfAbsent(id, file);
            if (other != null) {
                problem(id, "id", "is also the id of a monitor in " + other + "; ids must be unique");
            }
            Map<String, String> settings = new LinkedHashMap<>(defaults);
            Map<Object, Object> own = new LinkedHashMap<>(map);
            own.remove("id");
            settings(id, own, settings);
            String kind = settings.remove("kind");
            if (kind == null || kind.isBlank()) {
                problem(id, "kind", "is missing (here or in the file's defaults)");
            }
            for (String flag : FLAGS) {
                String value = settings.get(flag);
                if (value != null && !value.equals("true") && !value.equals("false")) {
                    problem(id, flag, "'" + value + "' is neither true nor false");
                }
            }
            Monitor monitor = new Monitor(id, kind == null ? "" : kind.strip(), file, settings);
            for (String tag : monitor.tags()) {
                if (!TAG.matcher(tag).matches()) {
                    problem(id, "tags", "'" + tag + "' may hold only ASCII letters, digits, '.', '_', ':' and '-',"
                            + " starting with a letter or digit (at most 50)");
                }
            }
            return problems.size() > before ? null : monitor;
        }

        /** Scalars as text, lists of scalars joined with commas; placeholders resolved. */
        private void settings(String monitor, Map<?, ?> map, Map<String, String> into) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (!KEY.matcher(key).matches()) {
                    problem(monitor, key, "keys are written in kebab-case, e.g. expect-status");
                    continue;
                }
                Object value = e.getValue();
                String text;
                if (value instanceof List<?> items) {
                    if (items.stream().anyMatch(v -> v instanceof Map || v instanceof List)) {
                        problem(monitor, key, "a list of plain values is expected");
                        continue;
                    }
                    text = items.stream().map(String::valueOf).collect(Collectors.joining(","));
                } else if (value instanceof Map) {
                    problem(monitor, key, "a value is expected, not a mapping");
                    continue;
                } else {
                    text = value == null ? "" : String.valueOf(value);
                }
                try {
                    into.put(key, placeholders.apply(text));
                } catch (RuntimeException ex) {
                    problem(monitor, key, ex.getMessage());
                }
            }
        }

        private void problem(String monitor, String field, String message) {
            problems.add(new MonitorProblem(file, monitor, field, message));
        }
    }
}
