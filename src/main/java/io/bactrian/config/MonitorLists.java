package io.bactrian.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.bactrian.monitor.MonitorFiles;
import org.apache.camel.CamelContext;

/**
 * The monitor lists {@code monitors.files} names (default {@code monitors/*.yaml}), read with the
 * settings' placeholders, each file named relative to the project folder in messages.
 */
public final class MonitorLists {
    public static final String FILES = "monitors.files";

    private MonitorLists() {
    }

    public static List<Path> files(CamelContext context, Path base) throws IOException {
        return MonitorFiles.matching(context.resolvePropertyPlaceholders("{{" + FILES + ":monitors/*.yaml}}"), base);
    }

    public static MonitorFiles.Loaded read(CamelContext context, Path base) throws IOException {
        return read(context, base, Map.of());
    }

    /**
     * The lists with {@code texts} (absolute, normalized paths) in place of what their files hold, a
     * file not written yet among them: a change as the reload will see it once written.
     */
    public static MonitorFiles.Loaded read(CamelContext context, Path base, Map<Path, String> texts) throws IOException {
        Path root = base.toAbsolutePath().normalize();
        Set<Path> files = new LinkedHashSet<>();
        files(context, root).forEach(f -> files.add(f.toAbsolutePath().normalize()));
        files.addAll(texts.keySet());
        return MonitorFiles.load(new ArrayList<>(files), texts, context::resolvePropertyPlaceholders,
                p -> root.relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/'));
    }
}
