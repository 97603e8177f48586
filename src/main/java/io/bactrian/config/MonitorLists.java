package io.bactrian.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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
        Path root = base.toAbsolutePath().normalize();
        return MonitorFiles.load(files(context, root), context::resolvePropertyPlaceholders,
                p -> root.relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/'));
    }
}
