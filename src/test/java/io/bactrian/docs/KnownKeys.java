package io.bactrian.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The property keys something reads: those the shipped properties files set or show commented
 * out, the {@code {{placeholders}}} of the route files and kamelets, and the string literals of
 * the code: a key the code names whole ({@code "probe-api.max-timeout"}), or the parts keys
 * such as {@code "alert.channels."} are built from.
 */
final class KnownKeys {
    private static final Pattern SET = Pattern.compile("(?m)^#?\\s*([a-z][a-zA-Z0-9.-]*)\\s*=");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(?:env:|sys:)?([a-zA-Z0-9.-]+)");
    private static final Pattern LITERAL = Pattern.compile("\"([^\"\\\\\\n]*)\"");
    private final Set<String> keys = new TreeSet<>();
    private final List<String> literals = new ArrayList<>();

    KnownKeys() {
        try (Stream<Path> root = Files.list(Path.of("."))) {
            root.filter(f -> f.toString().endsWith(".properties")).forEach(f -> collect(f, SET, keys));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        walk(Path.of("routes"), ".yaml", f -> collect(f, PLACEHOLDER, keys));
        walk(Path.of("src/main/resources"), ".yaml", f -> collect(f, PLACEHOLDER, keys));
        walk(Path.of("src/main/java"), ".java", f -> collect(f, LITERAL, literals));
    }

    /**
     * Whether the documented key is read: as written (in a file or the code), or, for a form such as
     * {@code alert.channels.<monitor>} or {@code kafka-lag.*}, when a known key has that form or
     * every fixed part of it is in the code.
     */
    boolean reads(String documented) {
        if (keys.contains(documented) || literals.contains(documented)) {
            return true;
        }
        if (!documented.matches(".*(<[a-z-]+>|\\*).*")) {
            return false;
        }
        Pattern form = Pattern.compile(Stream.of(documented.split("<[a-z-]+>|\\*", -1)).map(Pattern::quote)
                .reduce((a, b) -> a + ".+" + b).orElseThrow());
        if (keys.stream().anyMatch(k -> form.matcher(k).matches())) {
            return true;
        }
        for (String part : documented.split("<[a-z-]+>|\\*")) {
            String fixed = part.replaceAll("^\\.|\\.$", "");
            if (!fixed.isEmpty() && literals.stream().noneMatch(l -> l.contains(fixed))
                    && keys.stream().noneMatch(k -> k.contains(fixed))) {
                return false;
            }
        }
        return true;
    }

    /** Whether keys of the key's first part are known ({@code alert.} for {@code alert.channels.shop}). */
    boolean hasFamily(String key) {
        String family = key.substring(0, key.indexOf('.') + 1);
        return !family.isEmpty() && keys.stream().anyMatch(k -> k.startsWith(family));
    }

    private static void collect(Path file, Pattern pattern, java.util.Collection<String> into) {
        try {
            Matcher m = pattern.matcher(Files.readString(file));
            while (m.find()) {
                into.add(m.group(1).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void walk(Path dir, String suffix, java.util.function.Consumer<Path> each) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(f -> f.toString().endsWith(suffix)).forEach(each);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
