package io.bactrian.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.bactrian.core.Problem;
import io.bactrian.monitor.Monitor;

/** The monitor lists as the reload reads them: which files, how each is named, and their check. */
public interface MonitorListFiles {
    /** The files {@code monitors.files} names, absolute and normalized. */
    List<Path> files() throws IOException;

    /** A file as messages name it: relative to the project folder. */
    String name(Path file);

    /** Whether the reload would read {@code file} (absolute), written or not yet. */
    boolean listed(Path file);

    /**
     * Where a monitor goes when a request names no file: {@code api.yaml} in the folder of the first
     * glob of {@code monitors.files} ({@code monitors/api.yaml}).
     */
    Path defaultFile();

    /** The project folder relative file names start at. */
    Path base();

    /** The monitor as the reload runs it (the file's defaults filled in); null when no list enables it. */
    Monitor enabled(String id) throws IOException;

    /** Each kind the route files define, with its settings as its steps describe them. */
    Map<String, List<KindSetting>> kinds() throws IOException;

    /** The problems {@code validate} would find with {@code texts} (absolute paths) in place of their files. */
    List<Problem> check(Map<Path, String> texts) throws IOException;
}
