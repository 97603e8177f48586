package io.camelmonitor.check;

import java.io.PrintStream;
import java.util.List;

import org.apache.camel.impl.DefaultCamelContext;

/**
 * {@code validate}: checks ./application.properties and the route files it names, prints every
 * problem (file, monitor, field, why) and exits 0 when there is none, 2 otherwise.
 */
public final class ValidateCommand {
    private ValidateCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String properties = args.length > 0 ? args[0] : "application.properties";
        if (!new java.io.File(properties).isFile()) {
            err.println(properties + ": not found (run validate in the folder that holds application.properties and routes/)");
            return 2;
        }
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setLocation("file:" + properties);
            List<Problem> problems = new ConfigValidator(context).validate();
            problems.forEach(err::println);
            if (!problems.isEmpty()) {
                err.println(problems.size() + " problem(s) found");
                return 2;
            }
            out.println("configuration is valid");
            return 0;
        } catch (Exception e) {
            err.println("validation failed: " + ConfigValidator.rootMessage(e));
            return 2;
        }
    }
}
