package io.bactrian.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An application.properties written before the rename keeps working, and says what to write now. */
class OldNamesTest {
    @TempDir
    Path dir;

    @Test
    void anOldKeyIsReadAsItsNewNameWithAWarning() throws Exception {
        Path file = dir.resolve("application.properties");
        Files.writeString(file, "camel-monitor.time-zone = Asia/Shanghai\n"
                + "camel-monitor.data-dir = old\nbactrian.data-dir = new\n");
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            PropertiesComponent properties = context.getPropertiesComponent();
            properties.setLocation("file:" + file);
            assertEquals("new", properties.resolveProperty("bactrian.data-dir").orElseThrow());
            Files.writeString(file, ""); // what was loaded counts: the file is not read a second time
            List<String> warnings = OldNames.apply(properties);
            assertEquals(List.of("camel-monitor.data-dir is now bactrian.data-dir; the old name is read until the next release",
                    "camel-monitor.time-zone is now bactrian.time-zone; the old name is read until the next release"),
                    warnings.stream().sorted().toList());
            assertEquals("Asia/Shanghai", context.resolvePropertyPlaceholders("{{bactrian.time-zone}}"));
            assertEquals("new", context.resolvePropertyPlaceholders("{{bactrian.data-dir}}"), "the new name wins");
        }
    }

    @Test
    void anOldEnvironmentVariableIsReadWhenTheNewIsNotSet() {
        assertEquals("false", OldNames.variable(Map.of("CAMEL_MONITOR_FAST_START", "false"), "BACTRIAN_FAST_START"));
        assertEquals("true", OldNames.variable(Map.of("CAMEL_MONITOR_FAST_START", "false", "BACTRIAN_FAST_START", "true"),
                "BACTRIAN_FAST_START"));
        assertNull(OldNames.variable(Map.of(), "BACTRIAN_FAST_START"));
    }
}
