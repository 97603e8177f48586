package io.bactrian.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.bactrian.monitor.MonitorFiles;

/**
 * The route files a {@code camel.main.routes-include-pattern} names on disk ({@code file:}
 * patterns), relative paths taken from the folder that holds application.properties.
 */
final class RouteFiles {
    private RouteFiles() {
    }

    static List<Path> matching(String includePattern, Path base) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String part : includePattern.split(",")) {
            part = part.trim();
            if (part.startsWith("file:")) { // classpath routes ship inside the jar and are checked by its tests
                files.addAll(MonitorFiles.matching(part.substring("file:".length()), base));
            }
        }
        return files;
    }
}
