package io.bactrian.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.bactrian.store.Rows.Probe;
import org.junit.jupiter.api.Test;

/** The map card keeps every node in sight: on the map, in the places table, or listed unplaced. */
class SpeedMapTest {
    static Probe node(String node, String region) {
        return new Probe("speed", 0, node, region, "电信", "127.0.0.1", 200, true, 1, 2, 3, 4, 5, 15, 1024, null);
    }

    @Test
    void aNodeInChinaWithoutAProvinceIsListedUnplaced() {
        StringBuilder card = new StringBuilder();
        SpeedMap.card(card, List.of(node("js-1", "江苏宿迁"), node("cn-1", "中国")));
        String html = card.toString();
        int unplaced = html.indexOf("id=\"unplaced\"");
        assertTrue(unplaced > 0 && html.indexOf("data-node=\"cn-1\"", unplaced) > 0, html);
        assertTrue(html.contains("江苏"), html);
    }
}
