package io.bactrian.probe.page;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each watched page showed last time, one JSON file per monitor, so a restart neither
 * announces old items again nor misses what changed meanwhile. The file also records what was
 * watched: a changed URL or selection starts afresh, quietly.
 */
final class SeenItems {
    private static final Logger LOG = LoggerFactory.getLogger(SeenItems.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    record Seen(String watching, List<String> keys) {
    }

    private final Path dir;

    SeenItems(Path dir) {
        this.dir = dir;
    }

    /** The keys seen last time for this watch, or null when there is no last time. */
    synchronized List<String> last(String monitor, String watching) {
        Path file = file(monitor);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Seen seen = JSON.readValue(file.toFile(), Seen.class);
            return watching.equals(seen.watching()) ? seen.keys() : null;
        } catch (IOException e) {
            LOG.warn("What page watch '{}' saw last is unreadable in {} ({}); starting afresh", monitor, file,
                    e.getMessage());
            return null;
        }
    }

    synchronized void remember(String monitor, String watching, List<String> keys) {
        Path file = file(monitor);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".seen-", ".tmp");
            JSON.writeValue(tmp.toFile(), new Seen(watching, keys));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Could not keep what page watch '{}' saw in {}: {}", monitor, file, e.getMessage());
        }
    }

    private Path file(String monitor) {
        return dir.resolve(monitor.replaceAll("[^\\p{L}\\p{N}._-]", "_") + ".json");
    }
}
