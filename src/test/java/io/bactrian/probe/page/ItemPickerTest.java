package io.bactrian.probe.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** How a watched page's items are picked, for each kind of selection, and how noise is left out. */
class ItemPickerTest {
    private static final String PAGE = "<ul class=\"eps\"><li><a href=\"ep/7\">Episode 7</a> 1,204 plays</li>"
            + "<li>Episode 8 <a href=\"https://cdn.example.test/8\">watch</a> 77 plays</li><li class=\"ad\">Ad</li></ul>";

    @Test
    void cssItemsCarryTheirAbsoluteLinks() {
        List<Item> items = new ItemPicker("ul.eps li:not(.ad)", null, null, "[\\d,]+ plays")
                .pick(PAGE, "https://video.example.test/show/");
        assertEquals(List.of("Episode 7 1,204 plays", "Episode 8 watch 77 plays"), items.stream().map(Item::text).toList());
        assertEquals(List.of("https://video.example.test/show/ep/7", "https://cdn.example.test/8"),
                items.stream().map(Item::link).toList());
        assertEquals("Episode 7 <https://video.example.test/show/ep/7>", items.get(0).key(), "noise left out of the key");
    }

    @Test
    void jsonPathValuesAreItems() {
        String json = "{\"episodes\":[{\"title\":\"Pilot\"},{\"title\":\"Second\"}],\"views\":123}";
        assertEquals(List.of("Pilot", "Second"), new ItemPicker(null, "$.episodes[*].title", null, null)
                .pick(json, "https://x.test/").stream().map(Item::text).toList());
        assertEquals(List.of("{\"title\":\"Pilot\"}"), new ItemPicker(null, "$.episodes[0]", null, null)
                .pick(json, "https://x.test/").stream().map(Item::text).toList());
        assertEquals(List.of(), new ItemPicker(null, "$.missing", null, null).pick(json, "https://x.test/"));
    }

    @Test
    void regexMatchesOrTheirFirstGroupAreItems() {
        String text = "Latest: v2.4.1 (2026-11-20), v2.4.0 (2026-10-02)";
        assertEquals(List.of("2.4.1", "2.4.0"), new ItemPicker(null, null, "v(\\d+\\.\\d+\\.\\d+)", null)
                .pick(text, "https://x.test/").stream().map(Item::text).toList());
    }

    @Test
    void noSelectionWatchesTheWholeTextAndTwoAreRefused() {
        List<Item> whole = new ItemPicker(null, null, null, "\\d{4}-\\d{2}-\\d{2}")
                .pick("<p>Price 12 EUR</p><p>as of 2026-11-24</p>", "https://x.test/");
        assertEquals("Price 12 EUR as of", whole.get(0).key());
        Exception both = assertThrows(IllegalArgumentException.class, () -> new ItemPicker("li", "$.a", null, null));
        assertEquals("select, jsonPath, regex: set only one of them", both.getMessage());
        Exception css = assertThrows(IllegalArgumentException.class, () -> new ItemPicker("li[", null, null, null));
        assertEquals(true, css.getMessage().startsWith("select 'li[': not a CSS selector"), css.getMessage());
    }
}
