package io.camelmonitor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.camelmonitor.check.ConfigProblemsException;
import io.camelmonitor.check.Problem;
import io.camelmonitor.check.PropertiesFile;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * Camel Main as {@code run} starts it: ./application.properties and, when there, ./channels.properties
 * read as UTF-8, after checking they can be read as written. An option Camel Main does not know is refused before start-up: Camel
 * Main itself would print its help screen and exit 0.
 */
public class MonitorMain extends Main {
    static final String PROPERTIES = "application.properties";

    MonitorMain() {
        setPropertyPlaceholderLocations(PropertiesFile.locations(Path.of(PROPERTIES)));
    }

    @Override
    protected void configurePropertiesService(CamelContext camelContext) throws Exception {
        PropertiesFile.readAsUtf8(camelContext.getPropertiesComponent());
        Path file = Path.of(PROPERTIES);
        List<Problem> problems = Files.isRegularFile(file) ? PropertiesFile.problemsWithChannels(file, PROPERTIES)
                : List.of(new Problem(PROPERTIES, null, null, "not found (start in the folder that holds"
                        + " application.properties and routes/)"));
        if (!problems.isEmpty()) {
            throw new ConfigProblemsException(problems);
        }
        super.configurePropertiesService(camelContext);
    }

    /** Camel Main's options, one line each ({@code -d or -duration <duration> = ...}). */
    List<String> options() {
        initOptions();
        return options.stream().map(Option::getInformation).toList();
    }

    /** The first argument that is not one of Camel Main's options or its value; null if none. */
    String unknownOption(String[] args) {
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
