package io.camelmonitor.check;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

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
            if (!part.startsWith("file:")) {
                continue; // classpath routes ship inside the jar and are checked by its tests
            }
            String glob = part.substring("file:".length());
            int slash = glob.lastIndexOf('/');
            Path dir = base.resolve(slash < 0 ? "." : glob.substring(0, slash));
            if (!Files.isDirectory(dir)) {
                continue;
            }
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(slash + 1));
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(p -> Files.isRegularFile(p) && matcher.matches(p.getFileName())).sorted().forEach(files::add);
            }
        }
        return files;
    }
}
