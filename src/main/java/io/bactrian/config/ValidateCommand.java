package io.bactrian.config;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.bactrian.core.Problem;
import io.bactrian.core.PropertiesFile;
import io.bactrian.core.Usage;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * {@code validate [application.properties]}: checks the properties file and the route files it
 * names, prints every problem (file, monitor, field, why) and exits 0 when there is none, 2
 * otherwise.
 */
public final class ValidateCommand {
    public static final String HELP = """
            usage: validate [<application.properties>]

            Checks the properties file (default ./application.properties), the channels.properties
            beside it when there, and the route files they name, without starting anything. Prints each problem with file, monitor and field.
            Exit 0 when the configuration is valid, 2 when it has problems.
            """;

    private ValidateCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (Usage.asked(args)) {
            out.print(HELP);
            return 0;
        }
        for (String arg : args) {
            if (arg.startsWith("-")) {
                err.println(Usage.unknown("validate", arg));
                return 2;
            }
        }
        if (args.length > 1) {
            err.println("validate: one properties file at most, got " + args.length + " (see 'validate --help')");
            return 2;
        }
        Path properties = Path.of(args.length > 0 ? args[0] : "application.properties").toAbsolutePath();
        if (!Files.isRegularFile(properties)) {
            err.println(properties.getFileName() + ": not found (run validate in the folder that holds application.properties"
                    + " and routes/, or name the file)");
            return 2;
        }
        List<Problem> unreadable = PropertiesFile.problemsWithChannels(properties, properties.getFileName().toString());
        if (!unreadable.isEmpty()) {
            return report(unreadable, err);
        }
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            PropertiesFile.readAsUtf8(context.getPropertiesComponent());
            context.getPropertiesComponent().setLocation(PropertiesFile.locations(properties));
            OldNames.apply(context.getPropertiesComponent()).forEach(w -> err.println("warning: " + w));
            ConfigValidator validator = new ConfigValidator(context, properties.getParent(), true);
            List<Problem> problems = validator.validate();
            validator.warnings().forEach(w -> err.println("warning: " + w));
            if (!problems.isEmpty()) {
                return report(problems, err);
            }
            out.println("configuration is valid");
            return 0;
        } catch (Exception e) {
            err.println("validation failed: " + RootMessage.of(e));
            return 2;
        }
    }

    private static int report(List<Problem> problems, PrintStream err) {
        problems.forEach(err::println);
        err.println(problems.size() + " problem(s) found");
        return 2;
    }
}
