package io.bactrian.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import io.bactrian.core.Problem;

/**
 * The monitors of the monitor lists, read from and written to their files, which stay the one
 * place a monitor is defined: a change is an edit of its entry's lines, checked as
 * {@code validate} checks, and in force by the same reload as a hand edit. Each entry's version
 * ({@code ETag}) is a hash of its lines, and a change names the version it was made on.
 */
final class MonitorStore {
    private final MonitorListFiles lists;
    private final SecretSettings secrets;
    private final ListFileWriter writer;
    /** The zone of maintenance windows written without one, as the alert rule takes it. */
    private final ZoneId zone;

    /** Where an entry is: its file, the file read, and the entry in it. */
    private record Found(Path path, ListFile file, ListFile.Entry entry) {
    }

    MonitorStore(MonitorListFiles lists, SecretSettings secrets, ZoneId zone) {
        this.lists = lists;
        this.secrets = secrets;
        this.zone = zone;
        this.writer = new ListFileWriter(lists, this::masked);
    }

    /** Every monitor of every list, paused ones too, in file order. */
    List<MonitorView> list() throws IOException {
        List<MonitorView> all = new ArrayList<>();
        for (Path path : lists.files()) {
            ListFile file = readable(path);
            if (file != null) {
                file.entries().stream().filter(e -> e.id() != null).forEach(e -> all.add(view(file, e)));
            }
        }
        return all;
    }

    MonitorView get(String id) throws IOException {
        Found found = find(id).orElseThrow(() -> noSuch(id));
        return view(found.file(), found.entry());
    }

    /** Adds a monitor to {@code fileName} (null: the default file); its view. */
    MonitorView create(String fileName, String id, Map<String, Object> given) throws IOException {
        Map<String, Object> settings = new LinkedHashMap<>(given);
        settings.values().removeIf(java.util.Objects::isNull);
        Path path = fileName == null ? lists.defaultFile() : listFile(fileName);
        Optional<Found> other = find(id);
        if (other.isPresent()) {
            throw ApiError.of(409, "monitor '" + id + "' exists already, in " + other.get().file().name());
        }
        String name = lists.name(path);
        String text = writer.write(path, before -> {
            ListFile file = ListFile.parse(name, before == null ? "" : before);
            return checked(file.add(EntryYaml.render(id, settings, file.dash(), file.indent())), name, id, settings);
        });
        ListFile after = ListFile.parse(name, text);
        return view(after, after.entry(id).orElseThrow());
    }

    /** Replaces the monitor's settings; a secret one not given keeps its value, one given as null is removed. */
    MonitorView update(String id, String etag, Map<String, Object> settings) throws IOException {
        return change(id, etag, (file, old) -> {
            Map<String, Object> next = new LinkedHashMap<>();
            settings.forEach((k, v) -> {
                if (v != null) {
                    next.put(k, v);
                }
            });
            old.forEach((k, v) -> {
                if (secrets.secret(k) && !settings.containsKey(k)) {
                    next.put(k, v);
                }
            });
            return next;
        });
    }

    /** Writes {@code enabled: false} into the entry, or takes it out again (true when the file's defaults pause). */
    MonitorView pause(String id, String etag, boolean paused) throws IOException {
        return change(id, etag, (file, old) -> {
            Map<String, Object> next = new LinkedHashMap<>(old);
            next.remove("enabled");
            if (paused) {
                next.put("enabled", false);
            } else if ("false".equals(String.valueOf(file.defaults().get("enabled")))) {
                next.put("enabled", true);
            }
            return next;
        });
    }

    void delete(String id, String etag) throws IOException {
        Found found = find(id).orElseThrow(() -> noSuch(id));
        String name = found.file().name();
        writer.write(found.path(), before -> {
            ListFile.Entry entry = current(name, before, id, etag);
            return ListFile.parse(name, before).remove(entry);
        });
    }

    private MonitorView change(String id, String etag,
                               BiFunction<ListFile, Map<String, Object>, Map<String, Object>> change)
            throws IOException {
        Found found = find(id).orElseThrow(() -> noSuch(id));
        String name = found.file().name();
        String text = writer.write(found.path(), before -> {
            ListFile file = ListFile.parse(name, before);
            ListFile.Entry entry = current(name, before, id, etag);
            Map<String, Object> next = change.apply(file, entry.values());
            return checked(file.replace(entry, EntryYaml.render(id, next, file.dash(), file.indent())), name, id, next);
        });
        ListFile after = ListFile.parse(name, text);
        return view(after, after.entry(id).orElseThrow());
    }

    /** The entry in the file as it is now, at the version {@code etag} names: 404 when gone, 412 when changed. */
    private static ListFile.Entry current(String name, String text, String id, String etag) {
        if (text == null) {
            throw noSuch(id);
        }
        ListFile file = ListFile.parse(name, text);
        ListFile.Entry entry = file.entry(id).orElseThrow(() -> noSuch(id));
        if (!etag(file, entry).equals(etag)) {
            throw ApiError.of(412, "monitor '" + id + "' was changed since its ETag " + etag + " was read; GET it again");
        }
        return entry;
    }

    /** The new text, once it reads back as exactly the settings meant: nothing is written otherwise. */
    private static String checked(String text, String name, String id, Map<String, Object> settings) {
        ListFile file = ListFile.parse(name, text);
        Map<String, Object> written = file.entry(id).map(ListFile.Entry::values).orElse(Map.of());
        if (!texts(written).equals(texts(settings))) {
            throw ApiError.of(500, name + ": monitor '" + id + "' would not read back as sent; nothing written");
        }
        return text;
    }

    /** Settings as the lists read them: lists of values joined with commas. */
    private static Map<String, String> texts(Map<String, Object> settings) {
        Map<String, String> texts = new LinkedHashMap<>();
        settings.forEach((k, v) -> texts.put(k, v instanceof List<?> l
                ? String.join(",", l.stream().map(String::valueOf).toList()) : String.valueOf(v)));
        return texts;
    }

    /** A file named in a request: one the monitor lists name, inside the project folder. */
    private Path listFile(String name) {
        String problem = null;
        Path path = null;
        if (name.indexOf('\0') >= 0 || name.contains("\\") || name.startsWith("/")) {
            problem = "must be a path relative to the project folder, such as monitors/shop.yaml";
        } else {
            path = lists.base().resolve(name).toAbsolutePath().normalize();
            if (!path.startsWith(lists.base()) || name.contains("..")) {
                problem = "must not leave the project folder";
            } else if (!lists.listed(path)) {
                problem = "is not a file monitors.files names; the reload would not read it";
            }
        }
        if (problem != null) {
            throw ApiError.field("request", null, "file", problem);
        }
        return path;
    }

    private Optional<Found> find(String id) throws IOException {
        for (Path path : lists.files()) {
            ListFile file = readable(path);
            Optional<ListFile.Entry> entry = file == null ? Optional.empty() : file.entry(id);
            if (entry.isPresent()) {
                return Optional.of(new Found(path, file, entry.get()));
            }
        }
        return Optional.empty();
    }

    /** The file, or null when the API cannot read it (its problem is the reload's and validate's to say). */
    private ListFile readable(Path path) throws IOException {
        String text = ListFileWriter.read(path);
        try {
            return text == null ? null : ListFile.parse(lists.name(path), text);
        } catch (ApiError e) {
            return null;
        }
    }

    private MonitorView view(ListFile file, ListFile.Entry entry) {
        Map<String, Object> shown = new LinkedHashMap<>();
        List<String> hidden = new ArrayList<>();
        entry.values().forEach((k, v) -> {
            if (secrets.secret(k)) {
                hidden.add(k);
            } else {
                shown.put(k, v);
            }
        });
        Object kind = entry.values().getOrDefault("kind", file.defaults().get("kind"));
        Object enabled = entry.values().getOrDefault("enabled", file.defaults().get("enabled"));
        MaintenanceView maintenance = MaintenanceView.of(
                entry.values().getOrDefault("maintenance", file.defaults().get("maintenance")),
                entry.values().getOrDefault("time-zone", file.defaults().get("time-zone")), zone, Instant.now());
        return new MonitorView(entry.id(), file.name(), kind == null ? null : String.valueOf(kind),
                "false".equals(String.valueOf(enabled)), shown, hidden, etag(file, entry), maintenance);
    }

    /** A hash of the entry's lines, quoted as an HTTP entity tag. */
    static String etag(ListFile file, ListFile.Entry entry) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(entry.block(file.text()).getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiError noSuch(String id) {
        return ApiError.of(404, "no monitor '" + id + "' in the monitor lists");
    }

    /** The problems with the values of the text's secret settings masked, as a message may quote a value. */
    private List<Problem> masked(List<Problem> problems, String text) {
        List<String> values = new ArrayList<>();
        try {
            ListFile.parse("", text).entries().forEach(e -> e.values().forEach((k, v) -> {
                if (secrets.secret(k) && v != null && !String.valueOf(v).isEmpty()) {
                    values.add(String.valueOf(v));
                }
            }));
        } catch (ApiError e) {
            // a text the API cannot read has no value it would show
        }
        List<Problem> out = new ArrayList<>();
        for (Problem p : problems) {
            String message = p.message();
            for (String v : values) {
                message = message.replace(v, "******");
            }
            out.add(new Problem(p.file(), p.monitor(), p.field(), message));
        }
        return out;
    }
}
