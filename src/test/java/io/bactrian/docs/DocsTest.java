package io.bactrian.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.bactrian.config.ValidateCommand;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.MonitorProcess.Result;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * What README.md and docs/ say exists does exist: every documented property key is read
 * somewhere, every command and option is one the jar takes, every monitor setting of a kind page
 * is one the kind knows (as validate says), every link leads to a file and heading, and the
 * parameter tables are those of the components' JSON. {@code -Ddocs.write=true} rewrites the
 * tables from the JSON.
 */
class DocsTest {
    private static final Pattern PROPERTY_LINE = Pattern.compile("^([a-z][a-zA-Z0-9.<>*-]*)\\s*=");
    private static final Pattern OPTION = Pattern.compile("^(--[a-z][a-z-]*)");
    private static final Pattern NO_SUCH_SETTING = Pattern.compile(
            "monitor '([^']+)': ([a-z0-9-]+): kind '[^']+' has no such setting; it has: (.*)");
    private static final String BOGUS = "zz-not-a-setting";
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final List<Markdown> PAGES = Markdown.all();

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> parameterTablesAreTheComponentsOwn() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Markdown page : PAGES) {
            Matcher m = ParameterTable.SECTION.matcher(String.join("\n", page.lines()) + "\n");
            while (m.find()) {
                String scheme = m.group(2);
                String written = m.group(3);
                tests.add(DynamicTest.dynamicTest(page + ": " + scheme, () -> {
                    String path = ParameterTable.jsonPath(scheme); // fails for a component that does not exist
                    String json = ParameterTable.json(scheme).orElseThrow(() -> new AssertionError("no " + path
                            + " on the class path: camel-component-maven-plugin writes it at generate-resources"));
                    String table = ParameterTable.render(json, ParameterTable.kindDefaults(scheme));
                    if (Boolean.getBoolean("docs.write")) {
                        String text = Files.readString(page.file());
                        Files.writeString(page.file(), ParameterTable.fill(text, s -> s.equals(scheme)
                                ? Optional.of(table) : Optional.empty()));
                        return;
                    }
                    assertEquals(table, written, page + ": the table of " + scheme + " is not its JSON's;"
                            + " rewrite it with mvn test -Dtest=DocsTest -Ddocs.write=true");
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void documentedPropertyKeysAreRead() throws Exception {
        KnownKeys known = new KnownKeys();
        Map<String, String> unread = new TreeMap<>();
        for (Markdown page : PAGES) {
            for (Markdown.Table table : page.tables()) {
                if (table.firstHeader().equals("key") || table.firstHeader().equals("property")) {
                    table.firstCells().forEach(cell -> keysOf(cell).forEach(k -> {
                        if (!known.reads(k)) {
                            unread.put(k, page + " (table)");
                        }
                    }));
                }
            }
            for (Markdown.Block block : page.blocks()) {
                if (!block.language().equals("properties")) {
                    continue;
                }
                String previous = "";
                for (String line : block.lines()) {
                    Matcher m = PROPERTY_LINE.matcher(line);
                    if (!previous.endsWith("\\") && m.find() && !known.reads(m.group(1))) {
                        unread.put(m.group(1), page + " (example)");
                    }
                    previous = line;
                }
            }
        }
        // the per-name forms (alert.channels.shop, channel.slack.rate-limit): as validate judges a key a user sets
        Set<String> warned = unknownKeyWarnings(unread.keySet());
        unread.keySet().removeIf(k -> !warned.contains(k) && known.hasFamily(k));
        assertEquals(Map.of(), unread, "documented keys that nothing reads");
    }

    @Test
    void documentedCommandsAndOptionsAreTheJars() throws Exception {
        Map<String, Set<String>> documented = new TreeMap<>();
        for (Markdown page : PAGES) {
            for (Markdown.Table table : page.tables()) {
                table.firstCells().forEach(cell -> Markdown.code(cell).forEach(span -> command(span, documented)));
            }
            for (Markdown.Block block : page.blocks()) {
                if (block.language().equals("sh") || block.language().equals("text")) {
                    block.lines().forEach(line -> command(line, documented));
                }
            }
        }
        assertTrue(documented.keySet().containsAll(List.of("run", "once", "validate", "probe", "cron", "kafka-lag",
                "migrate-monitors")), "the docs show every command: " + documented.keySet());
        Result commands = MonitorProcess.run(dir, "--help");
        Map<String, String> wrong = new TreeMap<>();
        for (Map.Entry<String, Set<String>> c : documented.entrySet()) {
            if (!commands.out().contains("\n  " + c.getKey() + " ")) {
                wrong.put(c.getKey(), "not a command of the jar");
                continue;
            }
            if (c.getValue().isEmpty()) {
                continue;
            }
            Result help = MonitorProcess.run(dir, c.getKey(), "--help");
            assertEquals(0, help.exitCode(), help.toString());
            for (String option : c.getValue()) {
                if (!Pattern.compile(Pattern.quote(option) + "(?![a-z-])").matcher(help.out()).find()) {
                    wrong.put(c.getKey() + " " + option, "not an option in '" + c.getKey() + " --help'");
                }
            }
        }
        assertEquals(Map.of(), wrong);
    }

    @Test
    void kindPagesNameSettingsTheKindsKnow() throws Exception {
        Map<String, Set<String>> documented = new TreeMap<>();
        List<Map<String, Object>> monitors = new ArrayList<>();
        for (Markdown page : PAGES) {
            String name = page.file().getFileName().toString().replace(".md", "");
            boolean kindPage = page.file().getParent() != null && page.file().getParent().endsWith("kinds");
            String kind = kindPage ? name : "http"; // the alert rule's and the schedule's settings are every kind's
            for (Markdown.Table table : page.tables()) {
                if (table.firstHeader().equals("setting")) {
                    table.firstCells().forEach(cell -> Markdown.code(cell).stream().filter(s -> s.matches("[a-z][a-z0-9-]*"))
                            .forEach(s -> documented.computeIfAbsent(kind, k -> new TreeSet<>()).add(s)));
                }
            }
            if (kindPage) {
                monitors.add(new LinkedHashMap<>(Map.of("id", "docs-" + kind, "kind", kind, "cron", "0 * * * * ? *",
                        BOGUS, "x")));
                for (Markdown.Block block : page.blocks()) {
                    if (block.language().equals("yaml") && block.lines().contains("monitors:")) {
                        monitors.addAll(examples(YAML.readTree(String.join("\n", block.lines())), kind));
                    }
                }
            }
        }
        Map<String, String> problems = settingProblems(monitors);
        Map<String, String> unknown = new TreeMap<>();
        problems.forEach((where, knownList) -> {
            if (!where.endsWith(" " + BOGUS)) {
                unknown.put(where, "an example's setting the kind does not have; it has: " + knownList);
            }
        });
        for (Map.Entry<String, Set<String>> kind : documented.entrySet()) {
            String knownList = problems.get("docs-" + kind.getKey() + " " + BOGUS);
            assertTrue(knownList != null, "validate names the settings of kind " + kind.getKey() + ": " + problems);
            Set<String> settings = new LinkedHashSet<>(List.of(knownList.split(", ")));
            for (String setting : kind.getValue()) {
                if (!settings.contains(setting)) {
                    unknown.put(kind.getKey() + " " + setting, "documented, but the kind has: " + knownList);
                }
            }
        }
        assertEquals(Map.of(), unknown);
    }

    @Test
    void linksLeadToAFileAndAHeading() {
        Map<Path, Markdown> byFile = new HashMap<>();
        PAGES.forEach(p -> byFile.put(p.file().normalize(), p));
        Map<String, String> broken = new TreeMap<>();
        for (Markdown page : PAGES) {
            for (String link : page.links()) {
                if (link.matches("[a-z]+:.*")) {
                    continue; // http(s), mailto: outside the project
                }
                String[] parts = link.split("#", 2);
                Path target = parts[0].isEmpty() ? page.file() : page.file().resolveSibling(parts[0]).normalize();
                if (!Files.exists(target)) {
                    broken.put(page + " → " + link, "no such file");
                } else if (parts.length == 2 && target.toString().endsWith(".md")) {
                    Markdown other = byFile.getOrDefault(target, Markdown.read(target));
                    if (!other.anchors().contains(parts[1])) {
                        broken.put(page + " → " + link, "no such heading; " + target + " has " + other.anchors());
                    }
                }
            }
        }
        assertEquals(Map.of(), broken);
    }

    /** The keys of a table's first cell: `a.b.c` / `.d` / `e` are a.b.c, a.b.d and a.b.e. */
    private static List<String> keysOf(String cell) {
        List<String> keys = new ArrayList<>();
        String prefix = null;
        for (String span : Markdown.code(cell)) {
            if (prefix != null && (span.startsWith(".") || !span.contains("."))) {
                keys.add(prefix + span.replaceFirst("^\\.", ""));
            } else if (span.contains(".")) {
                keys.add(span);
                prefix = span.substring(0, span.lastIndexOf('.') + 1);
            }
        }
        return keys;
    }

    /** The command and the options of a documented command line, if it is one of the jar's. */
    private static void command(String line, Map<String, Set<String>> into) {
        int jar = line.indexOf("bactrian.jar");
        if (jar < 0 || !line.contains("java ")) {
            return;
        }
        String[] words = line.substring(jar + "bactrian.jar".length()).strip().split("\\s+");
        String command = words.length == 0 || words[0].isEmpty() || !words[0].matches("[a-z][a-z-]*") ? "run" : words[0];
        Set<String> options = into.computeIfAbsent(command, c -> new TreeSet<>());
        for (String word : words) {
            Matcher m = OPTION.matcher(word.replaceFirst("^\\[", ""));
            if (m.find() && !command.equals("run")) {
                options.add(m.group(1));
            }
        }
    }

    /** The entries of a monitor list example, with its defaults, each of {@code kind} unless it says. */
    private static List<Map<String, Object>> examples(JsonNode list, String kind) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (JsonNode monitor : list.path("monitors")) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("kind", kind);
            entry.put("cron", "0 * * * * ? *");
            list.path("defaults").fields().forEachRemaining(f -> entry.put(f.getKey(), YAML.convertValue(f.getValue(), Object.class)));
            monitor.fields().forEachRemaining(f -> entry.put(f.getKey(), YAML.convertValue(f.getValue(), Object.class)));
            entries.add(entry);
        }
        return entries;
    }

    /** The keys validate calls unknown when application.properties sets them. */
    private Set<String> unknownKeyWarnings(Set<String> keys) throws Exception {
        if (keys.isEmpty()) {
            return Set.of();
        }
        StringBuilder extra = new StringBuilder("\n");
        keys.forEach(k -> extra.append(k).append(" = x\n"));
        String err = validate(Files.readString(MonitorProcess.PROPERTIES) + extra, List.of());
        Set<String> warned = new TreeSet<>();
        Matcher m = Pattern.compile("warning: application.properties: ([^:]+): not a known key").matcher(err);
        while (m.find()) {
            warned.add(m.group(1));
        }
        return warned;
    }

    /** validate on the shipped configuration with these monitors: "monitor setting" → the settings its kind has. */
    private Map<String, String> settingProblems(List<Map<String, Object>> monitors) throws Exception {
        Map<String, String> problems = new TreeMap<>();
        Matcher m = NO_SUCH_SETTING.matcher(validate(Files.readString(MonitorProcess.PROPERTIES), monitors));
        while (m.find()) {
            problems.put(m.group(1) + " " + m.group(2), m.group(3).strip());
        }
        return problems;
    }

    /** What validate prints on stderr for the shipped routes and nodes with these properties and monitors. */
    private String validate(String properties, List<Map<String, Object>> monitors) throws Exception {
        Path project = Files.createTempDirectory(dir, "project");
        Files.createDirectories(project.resolve("monitors"));
        Files.writeString(project.resolve("application.properties"), properties);
        for (Path folder : List.of(MonitorProcess.ROUTES, MonitorProcess.NODES)) {
            Path into = project.resolve(folder.getFileName());
            Files.createDirectories(into);
            try (Stream<Path> files = Files.list(folder)) {
                for (Path f : files.toList()) {
                    Files.copy(f, into.resolve(f.getFileName()));
                }
            }
        }
        if (!monitors.isEmpty()) {
            YAML.writeValue(project.resolve("monitors/docs.yaml").toFile(), Map.of("monitors", monitors));
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ValidateCommand.run(new String[] {project.resolve("application.properties").toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return err.toString(StandardCharsets.UTF_8);
    }
}
