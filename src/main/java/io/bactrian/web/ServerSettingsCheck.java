package io.bactrian.web;

import java.util.List;

import io.bactrian.core.Problem;
import io.bactrian.core.SettingsCheck;
import org.apache.camel.spi.PropertiesComponent;

/** The built-in server's port: a bad one would stop start-up with a stack trace. */
public final class ServerSettingsCheck implements SettingsCheck {
    @Override
    public List<Problem> problems(PropertiesComponent properties) {
        String port = SettingsCheck.value(properties, "camel.server.port", "8080").strip();
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            return List.of(SettingsCheck.problem("camel.server.port", "not a port number (0 to 65535): '" + port + "'"));
        }
        return List.of();
    }
}
