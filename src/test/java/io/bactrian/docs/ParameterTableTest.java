package io.bactrian.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The table generator on a component JSON Camel itself ships: camel-timer's. */
class ParameterTableTest {
    @Test
    void rendersTheEndpointParametersOfCamelsOwnJson() throws Exception {
        assertEquals("META-INF/org/apache/camel/component/timer/timer.json", ParameterTable.jsonPath("timer"));
        String table = ParameterTable.render(ParameterTable.json("timer").orElseThrow(), Map.of("period", "5s"));

        assertTrue(table.startsWith("| setting | default | meaning |\n|---|---|---|\n| `delay` | `1000` | "), table);
        assertTrue(table.contains("\n| `repeat-count` | — | "), table);
        assertTrue(table.contains("\n| `run-logging-level` | `TRACE` | "), table);
        assertTrue(table.contains("\n| `period` | `1000`; the kind's route: `5s` | "), "a kind's own default shows\n" + table);
        assertFalse(table.contains("timer-name"), "the path is the label, not a setting\n" + table);
        assertFalse(table.contains("bridge-error-handler"), "Camel's own options are no monitor's\n" + table);
    }

    @Test
    void takesTheMeaningAsTheEndpointWritesIt() throws Exception {
        String table = ParameterTable.render(ParameterTable.json("speed-check").orElseThrow(), Map.of());

        assertTrue(table.contains("e.g. totalMs \\< 2000, dnsMs \\< 300 |"), "the JSON's copy drops < and >\n" + table);
        assertTrue(table.contains("| `quorum` | `nodes>=2,percent>=50` | "), table);
    }

    @Test
    void fillsOnlyTheMarkedSectionsItHasATableFor() {
        String page = "intro\n<!-- parameters:timer -->\n| old |\n<!-- /parameters -->\nmiddle\n"
                + "<!-- parameters:other -->\n| hand |\n<!-- /parameters -->\nend\n";

        String filled = ParameterTable.fill(page, s -> s.equals("timer") ? Optional.of("| new |\n") : Optional.empty());

        assertEquals("intro\n<!-- parameters:timer -->\n| new |\n<!-- /parameters -->\nmiddle\n"
                + "<!-- parameters:other -->\n| hand |\n<!-- /parameters -->\nend\n", filled);
    }
}
