package io.bactrian.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.bactrian.channel.DeliverySettings;
import io.bactrian.channel.list.Channels;
import io.bactrian.core.Problem;
import io.bactrian.core.PropertiesFile;

/**
 * A key that nothing reads is usually a misspelt one ({@code alert.chanels}, {@code shop.timeot}):
 * the monitor would run on the default without a word. A key is known when the shipped
 * application.properties or channels.properties has it (set or commented out), when a
 * capability's settings check declares it ({@link io.bactrian.core.SettingsCheck#keys}), when a
 * route file or another value names it as a {@code {{placeholder}}}, or when it is one of the
 * per-monitor and per-channel forms. An unknown key under a known prefix gets a warning naming
 * the nearest known key. The shipped files are the jar's copies.
 */
final class UnknownKeys {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(?:env:|sys:)?([^}:]+)");
    private static final Pattern COMMENTED = Pattern.compile("(?m)^#\\s*([a-z][a-zA-Z0-9.-]*)\\s*=");
    private static final Pattern PER_NAME = Pattern.compile("(alert\\.channels|alert\\.severity|kafka\\.properties)\\..+"
            + "|channel\\.(" + String.join("|", Channels.NAMES)
            + ")\\.(" + String.join("|", DeliverySettings.PER_CHANNEL) + ")");
    private static final Set<String> SHIPPED = shipped();

    private UnknownKeys() {
    }

    /**
     * Warnings for the keys of application.properties that nothing reads: the route files, the
     * monitor lists, the values and the files they name (a speed test's node list) may name them.
     */
    static List<Problem> warnings(CheckContext checks, List<Path> routes, Set<String> declared) throws IOException {
        Properties values = checks.context.getPropertiesComponent().loadProperties();
        List<String> keys = values.stringPropertyNames().stream().sorted().toList();
        List<String> texts = new ArrayList<>();
        for (Path file : routes) {
            texts.add(Files.readString(file));
        }
        for (Path file : MonitorLists.files(checks.context, checks.base)) {
            texts.add(Files.readString(file));
        }
        for (String key : keys) {
            String value = values.getProperty(key, "");
            texts.add(value);
            Path named = value.matches("[^{}\\s]+\\.ya?ml") ? checks.base.resolve(value) : null;
            if (named != null && Files.isRegularFile(named)) {
                texts.add(Files.readString(named));
            }
        }
        return warnings("application.properties", keys, texts, declared);
    }

    /**
     * Warnings for the keys set in application.properties ({@code keys}) that nothing reads;
     * {@code texts} are the route files and the values, searched for placeholders;
     * {@code declared} the keys the settings checks read.
     */
    private static List<Problem> warnings(String file, Collection<String> keys, Collection<String> texts,
                                          Set<String> declared) {
        Set<String> known = new TreeSet<>(SHIPPED);
        known.addAll(declared);
        for (String text : texts) {
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                known.add(m.group(1).strip());
            }
        }
        List<Problem> warnings = new ArrayList<>();
        for (String key : keys) {
            if (known.contains(key) || key.startsWith("camel.") || PER_NAME.matcher(key).matches()) {
                continue;
            }
            String prefix = key.contains(".") ? key.substring(0, key.indexOf('.') + 1) : key;
            String nearest = null;
            int best = Integer.MAX_VALUE;
            for (String candidate : known) {
                int d = distance(key, candidate);
                if (candidate.startsWith(prefix) && d < best) {
                    best = d;
                    nearest = candidate;
                }
            }
            if (nearest != null) {
                warnings.add(new Problem(file, null, key, "not a known key, so nothing reads it; did you mean " + nearest + "?"));
            }
        }
        return warnings;
    }

    private static Set<String> shipped() {
        Set<String> keys = new TreeSet<>();
        for (String file : List.of("application.properties", PropertiesFile.CHANNELS)) {
            keys.addAll(shipped(file));
        }
        return keys;
    }

    private static Set<String> shipped(String file) {
        Set<String> keys = new TreeSet<>();
        try (InputStream in = UnknownKeys.class.getResourceAsStream(file)) {
            if (in != null) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Properties p = new Properties();
                p.load(new StringReader(text));
                keys.addAll(p.stringPropertyNames());
                Matcher m = COMMENTED.matcher(text);
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return keys;
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
