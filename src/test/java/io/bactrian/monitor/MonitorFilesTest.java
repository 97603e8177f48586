package io.bactrian.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shape of a monitor list: each mistake is one problem that names the file, the monitor
 * (when it has an id) and the field; defaults, lists and placeholders are filled in as written.
 */
class MonitorFilesTest {
    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    /** Placeholders as the settings resolve them: {@code {{port}}} is known, any other is not. */
    private static String placeholders(String text) {
        if (text.contains("{{port}}")) {
            return text.replace("{{port}}", "8081");
        }
        if (text.contains("{{")) {
            String key = text.substring(text.indexOf("{{") + 2, text.indexOf("}}"));
            throw new IllegalArgumentException("Property with key [" + key + "] not found");
        }
        return text;
    }

    private MonitorFiles.Loaded load(Path... files) {
        return MonitorFiles.load(List.of(files), MonitorFilesTest::placeholders, p -> "monitors/" + p.getFileName());
    }

    private MonitorFiles.Loaded load(String yaml) throws IOException {
        return load(write("a.yaml", yaml));
    }

    /** The one problem of the list, which must name this file, monitor and field. */
    private static MonitorProblem theProblem(MonitorFiles.Loaded loaded, String file, String monitor, String field) {
        assertEquals(1, loaded.problems().size(), loaded.problems().toString());
        MonitorProblem p = loaded.problems().get(0);
        assertEquals(file, p.file(), p.toString());
        assertEquals(monitor, p.monitor(), p.toString());
        assertEquals(field, p.field(), p.toString());
        return p;
    }

    private static final String DEFAULTS = """
            defaults:
              kind: http
              cron: "0 * * * * ? *"
            """;

    @Test
    void aListThatIsNotAMapping() throws IOException {
        MonitorFiles.Loaded loaded = load("- id: shop\n  kind: http\n");
        assertTrue(theProblem(loaded, "monitors/a.yaml", null, null).message().contains("must be a mapping"));
        assertTrue(loaded.monitors().isEmpty());
    }

    @Test
    void anUnknownTopKey() throws IOException {
        MonitorProblem p = theProblem(load(DEFAULTS + "monitor:\n  - id: shop\n"), "monitors/a.yaml", null, "monitor");
        assertTrue(p.message().contains("known: defaults, monitors"), p.message());
    }

    @Test
    void tagsAreAListOfWords() throws IOException {
        MonitorFiles.Loaded ok = load(DEFAULTS + "monitors:\n  - id: shop\n    url: http://shop.test/\n"
                + "    tags: [payments, \"env:eu\", payments]\n  - id: cdn\n    url: http://cdn.test/\n    tags: \"edge, eu\"\n");
        assertEquals(List.of("payments", "env:eu"), ok.monitors().get(0).tags());
        assertEquals(List.of("edge", "eu"), ok.monitors().get(1).tags());
        MonitorProblem p = theProblem(load(DEFAULTS + "monitors:\n  - id: shop\n    url: http://shop.test/\n"
                + "    tags: [payments, two words]\n"), "monitors/a.yaml", "shop", "tags");
        assertTrue(p.message().startsWith("'two words' may hold only ASCII letters"), p.message());
    }

    @Test
    void privateIsTrueOrFalse() throws IOException {
        MonitorProblem p = theProblem(load(DEFAULTS + "monitors:\n  - id: vault\n    url: http://vault.test/\n"
                + "    private: yes please\n"), "monitors/a.yaml", "vault", "private");
        assertTrue(p.message().contains("'yes please' is neither true nor false"), p.message());
        assertEquals("true", load(DEFAULTS + "monitors:\n  - id: vault\n    private: true\n").monitors().get(0)
                .setting("private"));
    }

    @Test
    void monitorsThatAreNoList() throws IOException {
        theProblem(load(DEFAULTS + "monitors:\n  id: shop\n"), "monitors/a.yaml", null, "monitors");
    }

    @Test
    void anEntryWithoutId() throws IOException {
        MonitorFiles.Loaded loaded = load(DEFAULTS + "monitors:\n  - id: shop\n    url: http://a/\n  - url: http://b/\n");
        assertTrue(theProblem(loaded, "monitors/a.yaml", null, "monitors[1].id").message().contains("missing"));
        assertEquals(List.of("shop"), loaded.monitors().stream().map(Monitor::id).toList(), "the good entry is read");
    }

    @Test
    void badIds() throws IOException {
        MonitorProblem p = theProblem(load(DEFAULTS + "monitors:\n  - id: \"my shop\"\n"), "monitors/a.yaml", "my shop", "id");
        assertTrue(p.message().contains("letters (a-z, A-Z), digits"), p.message());
        theProblem(load(DEFAULTS + "monitors:\n  - id: monitor\n"), "monitors/a.yaml", "monitor", "id");
        // letters, but not ASCII ones: the message says where such a name goes
        MonitorProblem chinese = theProblem(load(DEFAULTS + "monitors:\n  - id: 首页\n"), "monitors/a.yaml", "首页", "id");
        assertTrue(chinese.message().contains("ASCII") && chinese.message().contains("description"), chinese.message());
    }

    @Test
    void theSameIdInTwoFilesNamesBoth() throws IOException {
        Path a = write("a.yaml", DEFAULTS + "monitors:\n  - id: shop\n");
        Path b = write("b.yaml", DEFAULTS + "monitors:\n  - id: shop\n");
        MonitorProblem p = theProblem(load(a, b), "monitors/b.yaml", "shop", "id");
        assertTrue(p.message().contains("monitors/a.yaml"), p.message());
    }

    @Test
    void aKindIsNeededAfterTheDefaults() throws IOException {
        theProblem(load("defaults:\n  cron: \"0 * * * * ? *\"\nmonitors:\n  - id: shop\n"), "monitors/a.yaml", "shop", "kind");
        // a cron may also come from the kind's route: validate checks it there
        assertTrue(load("defaults:\n  kind: http\nmonitors:\n  - id: shop\n").problems().isEmpty());
        MonitorFiles.Loaded own = load("monitors:\n  - id: shop\n    kind: http\n    cron: \"0 * * * * ? *\"\n");
        assertTrue(own.problems().isEmpty(), own.problems().toString());
    }

    @Test
    void defaultsAreFilledInAndAMonitorOverridesThem() throws IOException {
        MonitorFiles.Loaded loaded = load(DEFAULTS + """
                  failure-threshold: 3
                monitors:
                  - id: shop
                    failure-threshold: 1
                  - id: blog
                """);
        assertTrue(loaded.problems().isEmpty(), loaded.problems().toString());
        assertEquals("1", loaded.monitors().get(0).setting("failure-threshold"));
        assertEquals("3", loaded.monitors().get(1).setting("failure-threshold"));
        assertEquals("http", loaded.monitors().get(1).kind());
        assertEquals("0 * * * * ? *", loaded.monitors().get(1).cron());
        assertEquals("monitors/a.yaml", loaded.monitors().get(1).file());
    }

    @Test
    void aListOfValuesIsJoinedWithCommas() throws IOException {
        MonitorFiles.Loaded loaded = load(DEFAULTS + "monitors:\n  - id: shop\n    channels: [webhook, slack]\n");
        assertEquals("webhook,slack", loaded.monitors().get(0).setting("channels"));
    }

    @Test
    void aNestedMappingIsRefused() throws IOException {
        theProblem(load(DEFAULTS + "monitors:\n  - id: shop\n    headers:\n      x: y\n"), "monitors/a.yaml", "shop", "headers");
        theProblem(load(DEFAULTS + "monitors:\n  - id: shop\n    channels: [{a: b}]\n"), "monitors/a.yaml", "shop", "channels");
    }

    @Test
    void camelCaseKeysAreRefused() throws IOException {
        MonitorProblem p = theProblem(load(DEFAULTS + "monitors:\n  - id: shop\n    expectStatus: 200\n"),
                "monitors/a.yaml", "shop", "expectStatus");
        assertTrue(p.message().contains("kebab-case"), p.message());
    }

    @Test
    void enabledFalseLeavesAMonitorOut() throws IOException {
        MonitorFiles.Loaded loaded = load(DEFAULTS + """
                monitors:
                  - id: shop
                    enabled: false
                  - id: blog
                  - id: wiki
                    enabled: maybe
                """);
        assertEquals(List.of("blog"), loaded.monitors().stream().map(Monitor::id).toList());
        theProblem(loaded, "monitors/a.yaml", "wiki", "enabled");
    }

    @Test
    void placeholdersAreResolvedAndAnUnresolvableOneIsNamed() throws IOException {
        MonitorFiles.Loaded loaded = load(DEFAULTS + """
                monitors:
                  - id: shop
                    url: "http://127.0.0.1:{{port}}/health"
                  - id: blog
                    url: "http://127.0.0.1:{{blog.port}}/"
                """);
        assertEquals("http://127.0.0.1:8081/health", loaded.monitors().get(0).setting("url"));
        MonitorProblem p = theProblem(loaded, "monitors/a.yaml", "blog", "url");
        assertTrue(p.message().contains("blog.port"), p.message());
        assertEquals(1, loaded.monitors().size(), "the monitor with the problem is left out");
    }

    @Test
    void invalidYamlIsOneProblemOfTheFile() throws IOException {
        MonitorProblem p = theProblem(load(DEFAULTS + "monitors: [oops\n"), "monitors/a.yaml", null, null);
        assertTrue(p.message().startsWith("not valid YAML"), p.message());
        assertEquals(1, p.message().lines().count(), "on one line");
    }

    @Test
    void anEmptyFileListsNothing() throws IOException {
        MonitorFiles.Loaded loaded = load("# nothing yet\n");
        assertTrue(loaded.monitors().isEmpty() && loaded.problems().isEmpty(), loaded.toString());
    }

    @Test
    void theGlobNamesTheFilesSorted() throws IOException {
        Files.createDirectories(dir.resolve("monitors"));
        Files.writeString(dir.resolve("monitors/b.yaml"), "");
        Files.writeString(dir.resolve("monitors/a.yaml"), "");
        Files.writeString(dir.resolve("monitors/notes.txt"), "");
        assertEquals(List.of(dir.resolve("monitors/a.yaml"), dir.resolve("monitors/b.yaml")),
                MonitorFiles.matching("monitors/*.yaml", dir));
        assertEquals(List.of(), MonitorFiles.matching("elsewhere/*.yaml", dir), "a missing folder lists nothing");
    }
}
