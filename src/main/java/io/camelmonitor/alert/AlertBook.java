package io.camelmonitor.alert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert state of every monitor, kept in memory and written to one JSON file per monitor,
 * so a restart (or a route reload) neither announces an incident twice nor forgets one.
 */
public class AlertBook {
    private static final Logger LOG = LoggerFactory.getLogger(AlertBook.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path dir;
    private final ConcurrentMap<String, AlertState> states = new ConcurrentHashMap<>();

    public AlertBook(Path dir) {
        this.dir = dir;
    }

    /** Applies one check under the monitor's lock, persists the new state, returns the notice due. */
    public Optional<AlertEvent> record(AlertRule rule, CheckResult result) {
        AlertState state = states.computeIfAbsent(result.monitor(), this::load);
        synchronized (state) {
            Optional<AlertEvent> event = rule.apply(state, result);
            save(result.monitor(), state);
            return event;
        }
    }

    public Optional<AlertState> state(String monitor) {
        return Optional.ofNullable(states.get(monitor));
    }

    private AlertState load(String monitor) {
        Path file = file(monitor);
        if (Files.isRegularFile(file)) {
            try {
                return JSON.readValue(file.toFile(), AlertState.class);
            } catch (IOException e) {
                LOG.warn("Alert state of monitor '{}' in {} is unreadable ({}); starting from UP", monitor, file,
                        e.getMessage());
            }
        }
        return new AlertState();
    }

    private void save(String monitor, AlertState state) {
        Path file = file(monitor);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".state-", ".tmp");
            JSON.writeValue(tmp.toFile(), state);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Could not persist alert state of monitor '{}' to {}: {}", monitor, file, e.getMessage());
        }
    }

    private Path file(String monitor) {
        return dir.resolve(monitor.replaceAll("[^\\p{L}\\p{N}._-]", "_") + ".json");
    }
}
