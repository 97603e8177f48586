package io.bactrian.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.bactrian.api.KindSetting;
import io.bactrian.api.MonitorListFiles;
import io.bactrian.core.Problem;
import io.bactrian.monitor.Monitor;
import io.bactrian.monitor.MonitorFiles;
import org.apache.camel.CamelContext;

/** The monitor lists as the API writes them: the files and the check of {@link MonitorReload}. */
final class MonitorListAccess implements MonitorListFiles {
    private final CamelContext context;
    private final Path base;

    MonitorListAccess(CamelContext context, Path base) {
        this.context = context;
        this.base = base.toAbsolutePath().normalize();
    }

    @Override
    public List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        MonitorLists.files(context, base).forEach(f -> files.add(f.toAbsolutePath().normalize()));
        return files;
    }

    @Override
    public String name(Path file) {
        return base.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    @Override
    public boolean listed(Path file) {
        return MonitorFiles.named(globs(), base, file);
    }

    @Override
    public Path defaultFile() {
        String first = globs().split(",")[0].strip();
        int slash = first.lastIndexOf('/');
        return base.resolve(slash < 0 ? "." : first.substring(0, slash)).resolve("api.yaml").toAbsolutePath().normalize();
    }

    private String globs() {
        return context.resolvePropertyPlaceholders("{{" + MonitorLists.FILES + ":monitors/*.yaml}}");
    }

    @Override
    public Path base() {
        return base;
    }

    @Override
    public Monitor enabled(String id) throws IOException {
        return MonitorLists.read(context, base).monitors().stream().filter(m -> m.id().equals(id)).findFirst()
                .orElse(null);
    }

    @Override
    public Map<String, List<KindSetting>> kinds() throws IOException {
        return new ConfigValidator(context, base, false).kindSettings();
    }

    @Override
    public List<Problem> check(Map<Path, String> texts) throws IOException {
        return new ConfigValidator(context, base, false).validateMonitors(texts);
    }
}
