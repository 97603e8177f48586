package io.bactrian.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.bactrian.core.Problem;
import io.bactrian.core.PropertiesFile;
import io.bactrian.web.HttpEndpointsLog;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel Main as {@code run} starts it: ./application.properties and, when there, ./channels.properties
 * read as UTF-8, after checking they can be read as written. An option Camel Main does not know is refused before start-up: Camel
 * Main itself would print its help screen and exit 0.
 */
public class MonitorMain extends Main {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorMain.class);
    static final String PROPERTIES = "application.properties";

    private final Path folder;

    MonitorMain(Path folder) {
        this.folder = folder;
        setPropertyPlaceholderLocations(PropertiesFile.locations(folder.resolve(PROPERTIES)));
    }

    @Override
    protected void configurePropertiesService(CamelContext camelContext) throws Exception {
        PropertiesFile.readAsUtf8(camelContext.getPropertiesComponent());
        Path file = folder.resolve(PROPERTIES);
        List<Problem> problems = Files.isRegularFile(file) ? PropertiesFile.problemsWithChannels(file, PROPERTIES)
                : List.of(new Problem(PROPERTIES, null, null, "not found (start in the folder that holds"
                        + " application.properties and routes/)"));
        if (!problems.isEmpty()) {
            throw new ConfigProblemsException(problems);
        }
        super.configurePropertiesService(camelContext);
        OldNames.apply(camelContext.getPropertiesComponent()).forEach(LOG::warn);
    }

    /** The application as {@code run} starts it, from the current folder; tests start the same thing. */
    public static MonitorMain create() {
        return create(Path.of(""));
    }

    /**
     * The application with application.properties, channels.properties and the files the checks
     * and the monitor lists name read from {@code folder}: a test runs a project's start-up in its
     * own JVM. Camel itself still resolves relative include patterns and the data folder from the
     * current folder.
     */
    public static MonitorMain create(Path folder) {
        MonitorMain main = new MonitorMain(folder);
        main.configure().addConfiguration(new MonitorConfiguration(folder));
        main.addMainListener(new StartupCheck(folder));
        main.addMainListener(new HttpEndpointsLog());
        main.addMainListener(new LogMasking());
        serverSettingsFromEnvironment(main);
        return main;
    }

    /**
     * camel-main takes camel.main.* and camel.component.* from the environment but not the
     * built-in server's camel.server.*; a container sets those the same way, e.g.
     * CAMEL_SERVER_HOST=0.0.0.0, and they win over application.properties like any other key.
     */
    private static void serverSettingsFromEnvironment(MonitorMain main) {
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("CAMEL_SERVER_")) {
                main.addOverrideProperty("camel.server."
                        + name.substring("CAMEL_SERVER_".length()).toLowerCase(Locale.ROOT).replace('_', '-'), value);
            }
        });
    }

    /** Camel Main's options, one line each ({@code -d or -duration <duration> = ...}). */
    public List<String> options() {
        initOptions();
        return options.stream().map(Option::getInformation).toList();
    }

    /** The first argument that is not one of Camel Main's options or its value; null if none. */
    public String unknownOption(String[] args) {
        initOptions();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            Option option = options.stream()
                    .filter(o -> o.getAbbreviation().equalsIgnoreCase(arg) || o.getFullName().equalsIgnoreCase(arg))
                    .findFirst().orElse(null);
            if (option == null) {
                return arg;
            }
            if (option instanceof ParameterOption) {
                i++;
            }
        }
        return null;
    }
}
