package io.bactrian.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** An entry's lines found, replaced, removed and added, and nothing else of the file touched. */
class ListFileTest {
    private static String replaced(String text, String id, Map<String, Object> values) {
        ListFile file = ListFile.parse("monitors/a.yaml", text);
        return file.replace(file.entry(id).orElseThrow(), EntryYaml.render(id, values, file.dash(), file.indent()));
    }

    private static Map<String, Object> url(String url) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", url);
        return m;
    }

    @Test
    void aBlockScalarANestedListAndAFlowEntryEndWhereTheirLastValueDoes() {
        String text = """
                monitors:
                  - id: a
                    description: |
                      two
                      lines
                  # b's comment
                  - id: b
                    channels:
                      - mail
                      - slack   # chat too
                  - {id: c, url: "http://c"}
                # the end""";
        assertEquals(text.replace("  - id: a\n    description: |\n      two\n      lines\n",
                "  - id: a\n    url: \"http://a\"\n"), replaced(text, "a", url("http://a")));
        assertEquals(text.replace("  - id: b\n    channels:\n      - mail\n      - slack   # chat too\n", ""),
                ListFile.parse("m", text).remove(ListFile.parse("m", text).entry("b").orElseThrow()));
        assertEquals(text.replace("  - {id: c, url: \"http://c\"}\n", "  - id: c\n    url: \"http://d\"\n"),
                replaced(text, "c", url("http://d")));
    }

    @Test
    void aNewEntryGoesAfterTheLastAtItsIndentation() {
        String text = "defaults:\n  kind: http\nmonitors:\n- id: a\n  url: x   # no newline at the end";
        ListFile file = ListFile.parse("m", text);
        assertEquals(text + "\n- id: b\n  url: web\n", file.add(EntryYaml.render("b", Map.of("url", "web"), file.dash(),
                file.indent())));
        ListFile empty = ListFile.parse("m", "# nothing yet\nmonitors:   # to come\n# end\n");
        assertEquals("# nothing yet\nmonitors:   # to come\n  - id: b\n    url: web\n# end\n",
                empty.add(EntryYaml.render("b", Map.of("url", "web"), 2, 4)));
        assertEquals("defaults:\n  kind: http\nmonitors:\n  - id: b\n    on: [\"true\", 2, \"a b\"]\n",
                ListFile.parse("m", "defaults:\n  kind: http").add(EntryYaml.render("b",
                        Map.of("on", List.of("true", 2, "a b")), 2, 4)));
    }

    @Test
    void aListTheApiCannotEditLineByLineIsRefused() {
        assertEquals(409, assertThrows(ApiError.class, () -> ListFile.parse("m", "monitors: [{id: a}]")).status());
        assertEquals(409, assertThrows(ApiError.class, () -> ListFile.parse("m", "monitors:\n  - id: [")).status());
        assertEquals(409, assertThrows(ApiError.class, () -> ListFile.parse("m", "- a\n- b\n")).status());
    }
}
