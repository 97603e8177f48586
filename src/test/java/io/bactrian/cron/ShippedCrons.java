package io.bactrian.cron;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every cron the project ships: the routes' (their placeholders' defaults and the properties they
 * name), the monitor lists', application.properties' and the docs' examples.
 */
public final class ShippedCrons {
    private static final Pattern YAML_CRON = Pattern.compile("cron: *[\"']([^\"']+)[\"']");
    private static final Pattern TEMPLATE_CRON = Pattern.compile("name: \"cron\"\\s*\\n\\s*defaultValue: \"([^\"]+)\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^:}]+)(?::([^}]*))?}}");
    private static final Pattern TABLE_EXAMPLE = Pattern.compile("^\\| `([^`]+)` \\|", Pattern.MULTILINE);

    private ShippedCrons() {
    }

    /** The valid ones: the docs also show crons that validate refuses. */
    public static Set<String> all() throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(Path.of("application.properties"), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        Set<String> crons = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.endsWith(".cron")) {
                crons.add(properties.getProperty(key).strip());
            }
        }
        for (Path file : files("routes", ".yaml")) {
            String text = Files.readString(file);
            add(YAML_CRON.matcher(text), properties, crons);
            add(TEMPLATE_CRON.matcher(text), properties, crons);
        }
        for (Path file : files("monitors", ".yaml")) {
            add(YAML_CRON.matcher(Files.readString(file)), properties, crons);
        }
        for (Path file : files("docs", ".md")) {
            String text = Files.readString(file);
            add(YAML_CRON.matcher(text), properties, crons);
            Matcher example = TABLE_EXAMPLE.matcher(text);
            while (example.find()) {
                // a table row whose first cell is an expression of at least 5 fields
                if (example.group(1).strip().split("\\s+").length >= 5) {
                    crons.add(example.group(1).strip());
                }
            }
        }
        crons.removeIf(cron -> {
            try {
                CronTranslator.translate(cron);
                return false;
            } catch (CronException e) {
                return true;
            }
        });
        return crons;
    }

    private static void add(Matcher m, Properties properties, Set<String> crons) {
        while (m.find()) {
            String value = m.group(1).strip();
            Matcher placeholder = PLACEHOLDER.matcher(value);
            if (placeholder.matches()) {
                value = placeholder.group(2) != null ? placeholder.group(2) : properties.getProperty(placeholder.group(1));
            }
            if (value != null && value.strip().split("\\s+").length >= 5) {
                crons.add(value.strip());
            }
        }
    }

    private static Iterable<Path> files(String folder, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(Path.of(folder))) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
