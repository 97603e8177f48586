package io.bactrian.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.bactrian.core.Problem;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Route files that still make monitors from the http-status template, a route each: the
 * monitor lists check them all from one route. A warning, not a problem: they still run.
 */
final class TemplatedMonitors {
    private TemplatedMonitors() {
    }

    /** One line per such route file, with how many monitors it makes. */
    static List<Problem> warnings(CheckContext checks, List<Path> routes) {
        List<Problem> warnings = new ArrayList<>();
        for (Path file : routes) {
            long count;
            try {
                JsonNode root = RouteYaml.read(file);
                if (root == null) {
                    continue;
                }
                count = StreamSupport.stream(root.spliterator(), false)
                        .filter(item -> "http-status".equals(item.path("templatedRoute").path("routeTemplateRef").asText()))
                        .count();
            } catch (IOException | YamlEngineException e) {
                continue; // validate reports the file
            }
            if (count > 0) {
                warnings.add(new Problem(checks.name(file), null, null, count + (count == 1 ? " monitor" : " monitors")
                        + " as templatedRoute of http-status: 'migrate-monitors' moves them to monitors/migrated.yaml"
                        + " (one route for all, see README)"));
            }
        }
        return warnings;
    }
}
