package io.camelmonitor;

import java.util.List;

import org.apache.camel.main.Main;

/**
 * Camel Main as {@code run} starts it. An option Camel Main does not know is refused before
 * start-up: Camel Main itself would print its help screen and exit 0.
 */
public class MonitorMain extends Main {

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
