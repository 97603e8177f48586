package io.bactrian.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.bactrian.core.Problem;
import io.bactrian.monitor.Monitor;
import io.bactrian.web.PublicPage.Announcement;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads the public status pages ({@code status-pages.file}, default {@code status-pages.yaml}):
 * a list of pages, each checked against the monitor lists. A missing file declares no page.
 */
public final class PublicPagesFile {
    /** The setting naming the file. */
    public static final String SETTING = "status-pages.file";
    public static final String DEFAULT = "status-pages.yaml";
    private static final Set<String> PAGE_KEYS = Set.of("slug", "title", "description", "groups", "monitors",
            "announcements");
    private static final Set<String> ANNOUNCEMENT_KEYS = Set.of("at", "severity", "title", "text", "pinned");

    /** The pages that read without a problem, and the problems, one line each. */
    public record Loaded(List<PublicPage> pages, List<Problem> problems) {
    }

    private final String file;
    private final ZoneId zone;
    private final List<Problem> problems = new ArrayList<>();

    private PublicPagesFile(String file, ZoneId zone) {
        this.file = file;
        this.zone = zone;
    }

    /**
     * @param name     the file as messages name it
     * @param zone     the zone of announcement times written without an offset
     * @param monitors the monitors of the lists, the groups and ids a page may name; null: not checked
     */
    public static Loaded load(Path path, String name, ZoneId zone, Collection<Monitor> monitors) {
        PublicPagesFile reader = new PublicPagesFile(name, zone);
        Object doc;
        try {
            doc = new Load(LoadSettings.builder().setLabel(name).build())
                    .loadFromString(Files.readString(path, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return new Loaded(List.of(), List.of());
        } catch (IOException e) {
            return new Loaded(List.of(), List.of(new Problem(name, null, null, "cannot be read: " + e.getMessage())));
        } catch (YamlEngineException e) {
            return new Loaded(List.of(), List.of(new Problem(name, null, null, "not valid YAML: "
                    + e.getMessage().lines().map(String::strip).collect(Collectors.joining(" ")))));
        }
        List<PublicPage> pages = reader.pages(doc, monitors);
        return new Loaded(pages, List.copyOf(reader.problems));
    }

    private List<PublicPage> pages(Object doc, Collection<Monitor> monitors) {
        List<PublicPage> pages = new ArrayList<>();
        if (doc == null) {
            return pages;
        }
        if (!(doc instanceof List<?> entries)) {
            problem(null, "must be a list of pages ('- slug: ...')");
            return pages;
        }
        Set<String> slugs = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            int before = problems.size();
            PublicPage page = page("pages[" + i + "]", entries.get(i), monitors, slugs);
            if (page != null && problems.size() == before) {
                pages.add(page);
            }
        }
        return pages;
    }

    private PublicPage page(String where, Object entry, Collection<Monitor> monitors, Set<String> slugs) {
        if (!(entry instanceof Map<?, ?> map)) {
            problem(where, "must be a mapping with at least 'slug:'");
            return null;
        }
        String slug = text(map.get("slug"));
        if (slug == null) {
            problem(where + ": slug", "is not set (the page's address: /status/<slug>)");
            return null;
        }
        String page = "page '" + slug + "'";
        if (!slug.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            problem(page + ": slug", "'" + slug + "': lower-case letters, digits and '-' only (it is the page's address)");
        }
        if (!slugs.add(slug)) {
            problem(page + ": slug", "a second page has this slug");
        }
        for (Object key : map.keySet()) {
            if (!PAGE_KEYS.contains(String.valueOf(key))) {
                problem(page + ": " + key, "unknown key (known: " + String.join(", ", new java.util.TreeSet<>(PAGE_KEYS)) + ")");
            }
        }
        Set<String> groups = new LinkedHashSet<>(list(page + ": groups", map.get("groups")));
        List<String> ids = list(page + ": monitors", map.get("monitors"));
        if (monitors != null) {
            references(page, groups, ids, monitors);
        }
        if (groups.isEmpty() && ids.isEmpty()) {
            problem(page, "shows no monitor: name its groups or monitors");
        }
        List<Announcement> announcements = new ArrayList<>();
        Object raw = map.get("announcements");
        if (raw instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Announcement a = announcement(page + ": announcements[" + i + "]", list.get(i));
                if (a != null) {
                    announcements.add(a);
                }
            }
        } else if (raw != null) {
            problem(page + ": announcements", "must be a list ('- at: ..., text: ...')");
        }
        String title = text(map.get("title"));
        return new PublicPage(slug, title == null ? slug : title, text(map.get("description")), groups, ids,
                announcements);
    }

    /** Whether the groups and monitors a page names are in the monitor lists, and none of those named is private. */
    private void references(String page, Set<String> groups, List<String> ids, Collection<Monitor> monitors) {
        Set<String> known = monitors.stream().map(m -> m.setting("group")).filter(g -> g != null)
                .collect(Collectors.toSet());
        for (String g : groups) {
            if (!known.contains(g)) {
                problem(page + ": groups", "no monitor is in group '" + g + "'");
            }
        }
        for (String id : ids) {
            Monitor m = monitors.stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
            if (m == null) {
                problem(page + ": monitors", "no enabled monitor '" + id + "' in the monitor lists");
            } else if (PublicPage.isPrivate(m)) {
                problem(page + ": monitors", "monitor '" + id + "' is private: never shown on a public page");
            }
        }
    }

    private Announcement announcement(String where, Object entry) {
        if (!(entry instanceof Map<?, ?> map)) {
            problem(where, "must be a mapping with 'at:' and 'text:'");
            return null;
        }
        for (Object key : map.keySet()) {
            if (!ANNOUNCEMENT_KEYS.contains(String.valueOf(key))) {
                problem(where + ": " + key, "unknown key (known: at, pinned, severity, text, title)");
            }
        }
        Instant at = time(where + ": at", text(map.get("at")));
        String severity = text(map.get("severity"));
        severity = severity == null ? "info" : severity;
        if (!Announcement.SEVERITIES.contains(severity)) {
            problem(where + ": severity", "'" + severity + "': must be one of " + String.join(", ", Announcement.SEVERITIES));
        }
        String text = text(map.get("text"));
        if (text == null) {
            problem(where + ": text", "is not set");
        }
        String pinned = text(map.get("pinned"));
        if (pinned != null && !pinned.equals("true") && !pinned.equals("false")) {
            problem(where + ": pinned", "'" + pinned + "' is neither true nor false");
        }
        return at == null || text == null ? null
                : new Announcement(at, severity, text(map.get("title")), text, "true".equals(pinned));
    }

    /** {@code 2026-12-07T10:00:00+08:00}, or without an offset ({@code 2026-12-07 10:00}) in the zone. */
    private Instant time(String where, String value) {
        if (value == null) {
            problem(where, "is not set (a time such as 2026-12-07T10:00:00+08:00)");
            return null;
        }
        String iso = value.replace(' ', 'T');
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(iso).atZone(zone).toInstant();
            } catch (DateTimeParseException e2) {
                problem(where, "'" + value + "' is not a time such as 2026-12-07T10:00:00+08:00 or 2026-12-07 10:00");
                return null;
            }
        }
    }

    /** A list of names, a single name taken as a list of one. */
    private List<String> list(String where, Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> items) {
            List<String> out = new ArrayList<>();
            for (Object item : items) {
                String s = text(item);
                if (s == null || item instanceof Map || item instanceof List) {
                    problem(where, "must be a list of names");
                } else {
                    out.add(s);
                }
            }
            return out;
        }
        if (value instanceof Map) {
            problem(where, "must be a list of names");
            return List.of();
        }
        return List.of(text(value));
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = String.valueOf(value).strip();
        return s.isEmpty() ? null : s;
    }

    private void problem(String field, String message) {
        problems.add(new Problem(file, null, field, message));
    }
}
