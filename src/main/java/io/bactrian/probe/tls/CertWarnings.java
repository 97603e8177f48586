package io.bactrian.probe.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which warning days each monitor's certificate has been warned at, one JSON file per monitor,
 * so every day warns once, across restarts. A new certificate starts afresh.
 */
final class CertWarnings {
    private static final Logger LOG = LoggerFactory.getLogger(CertWarnings.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    record State(String certificate, List<Integer> warned) {
    }

    private final Path dir;

    CertWarnings(Path dir) {
        this.dir = dir;
    }

    /**
     * The warning day just reached by a certificate {@code daysLeft} days from expiry, or null
     * when none is new. Several days reached at once (a first check at 10 days left) warn once.
     */
    synchronized Integer due(String monitor, String certificate, long daysLeft, List<Integer> warnDays) {
        Path file = dir.resolve(monitor.replaceAll("[^\\p{L}\\p{N}._-]", "_") + ".json");
        State state = load(file);
        TreeSet<Integer> warned = new TreeSet<>();
        if (state != null && certificate.equals(state.certificate())) {
            warned.addAll(state.warned());
        }
        Integer due = null;
        for (int day : warnDays) {
            if (daysLeft <= day && warned.add(day)) {
                due = due == null ? day : Math.min(due, day);
            }
        }
        if (state == null || due != null || !certificate.equals(state.certificate())) {
            save(file, new State(certificate, List.copyOf(warned)));
        }
        return due;
    }

    private static State load(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readValue(file.toFile(), State.class);
        } catch (IOException e) {
            LOG.warn("Certificate warnings in {} are unreadable ({}); starting afresh", file, e.getMessage());
            return null;
        }
    }

    private void save(Path file, State state) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".warn-", ".tmp");
            JSON.writeValue(tmp.toFile(), state);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Could not keep certificate warnings in {}: {}", file, e.getMessage());
        }
    }
}
