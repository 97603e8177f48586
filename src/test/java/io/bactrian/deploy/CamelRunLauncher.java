package io.bactrian.deploy;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.StringJoiner;

/**
 * What {@code camel run <files> [--prop key=value]} of Camel JBang 4.18 does with its
 * arguments, for a JVM that has camel-kamelet-main and the project's jar on its classpath:
 * route files become {@code camel.main.routesIncludePattern}, {@code .properties} files
 * {@code camel.component.properties.location}, {@code --prop} argument properties, and
 * KameletMain runs them. Nothing is downloaded: everything needed is on the classpath.
 * (KameletMain is called by name: it is on the launched JVM's classpath only, so that it
 * cannot change the other tests' application.)
 */
public final class CamelRunLauncher {
    private CamelRunLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> kameletMain = Class.forName("org.apache.camel.main.KameletMain");
        Object main = kameletMain.getConstructor(String.class).newInstance("camel-jbang");
        kameletMain.getMethod("setDownload", boolean.class).invoke(main, false);
        kameletMain.getMethod("setAppName", String.class).invoke(main, "Apache Camel (JBang)");
        Method initial = kameletMain.getMethod("addInitialProperty", String.class, String.class);
        Method argument = kameletMain.getMethod("addArgumentProperty", String.class, String.class);
        StringJoiner routes = new StringJoiner(",");
        StringJoiner properties = new StringJoiner(",");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--prop")) {
                String property = args[++i];
                argument.invoke(main, property.substring(0, property.indexOf('=')),
                        property.substring(property.indexOf('=') + 1));
            } else if (args[i].endsWith(".properties")) {
                properties.add("file://" + Path.of(args[i]).toAbsolutePath());
            } else {
                routes.add("file:" + args[i]);
            }
        }
        initial.invoke(main, "camel.main.sourceLocationEnabled", "true");
        initial.invoke(main, "camel.main.modeline", "true");
        initial.invoke(main, "camel.main.routesIncludePattern", routes.toString());
        initial.invoke(main, "camel.component.properties.location", properties.toString());
        System.exit((int) kameletMain.getMethod("run", String[].class).invoke(main, (Object) new String[0]));
    }
}
