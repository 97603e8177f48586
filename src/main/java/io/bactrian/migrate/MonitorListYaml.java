package io.bactrian.migrate;

import java.util.List;
import java.util.Map;

/**
 * A monitor list as {@code monitors/*.yaml} holds it: the file's defaults, then one entry per
 * monitor. Every value is double-quoted, so a cron, a URL or a placeholder reads back as
 * written, never as a number or a boolean.
 */
final class MonitorListYaml {
    private MonitorListYaml() {
    }

    static String render(String header, Map<String, String> defaults, List<TemplatedMonitors.Migrated> monitors) {
        StringBuilder yaml = new StringBuilder();
        header.lines().forEach(line -> yaml.append("# ").append(line).append('\n'));
        if (!defaults.isEmpty()) {
            yaml.append("defaults:\n");
            defaults.forEach((key, value) -> yaml.append("  ").append(key).append(": ").append(quoted(value)).append('\n'));
        }
        yaml.append("monitors:\n");
        for (TemplatedMonitors.Migrated monitor : monitors) {
            yaml.append("  - id: ").append(quoted(monitor.id())).append('\n');
            monitor.settings().forEach((key, value) ->
                    yaml.append("    ").append(key).append(": ").append(quoted(value)).append('\n'));
        }
        return yaml.toString();
    }

    private static String quoted(String value) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
