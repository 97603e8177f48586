package io.bactrian.auth;

import java.nio.file.Path;
import java.util.List;

import io.bactrian.core.Problem;
import io.bactrian.core.SettingsCheck;
import org.apache.camel.spi.PropertiesComponent;

/** The users file that {@code users.file} names: roles, names and hashes as {@link UsersFile} reads them. */
public final class UsersSettingsCheck implements SettingsCheck {
    static final String KEY = "users.file";
    static final String DEFAULT = "users.yaml";
    private final Path base;

    /** @param base the project folder, where a relative {@code users.file} starts */
    public UsersSettingsCheck(Path base) {
        this.base = base;
    }

    @Override
    public List<Problem> problems(PropertiesComponent properties) {
        String name = file(properties);
        return UsersFile.read(base.resolve(name), name).problems();
    }

    /** The users file as {@code users.file} writes it. */
    public static String file(PropertiesComponent properties) {
        String name = SettingsCheck.value(properties, KEY, DEFAULT).strip();
        return name.isEmpty() ? DEFAULT : name;
    }
}
