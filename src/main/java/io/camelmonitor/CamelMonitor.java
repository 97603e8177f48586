package io.camelmonitor;

import org.apache.camel.main.Main;

public final class CamelMonitor {
    public static void main(String[] args) throws Exception {
        new Main(CamelMonitor.class).run(args);
    }
}
