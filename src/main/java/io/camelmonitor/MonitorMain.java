package io.camelmonitor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.camelmonitor.check.ConfigProblemsException;
import io.camelmonitor.check.Problem;
import io.camelmonitor.check.PropertiesFile;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/** camel-main reading ./application.properties as UTF-8, after checking it can be read as written. */
class MonitorMain extends Main {
    static final String PROPERTIES = "application.properties";

    MonitorMain() {
        setPropertyPlaceholderLocations("file:" + PROPERTIES);
    }

    @Override
    protected void configurePropertiesService(CamelContext camelContext) throws Exception {
        PropertiesFile.readAsUtf8(camelContext.getPropertiesComponent());
        Path file = Path.of(PROPERTIES);
        List<Problem> problems = Files.isRegularFile(file) ? PropertiesFile.problems(file, PROPERTIES)
                : List.of(new Problem(PROPERTIES, null, null, "not found (start in the folder that holds"
                        + " application.properties and routes/)"));
        if (!problems.isEmpty()) {
            throw new ConfigProblemsException(problems);
        }
        super.configurePropertiesService(camelContext);
    }
}
