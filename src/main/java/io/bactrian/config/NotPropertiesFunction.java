package io.bactrian.config;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.spi.PropertiesFunction;

/**
 * {@code {{not:key}}}: true unless the property {@code key} is true, e.g. a rest's
 * {@code disabled: "{{not:camel.server.enabled}}"}. Camel's own {@code boolean:} function would
 * do, but under {@code camel run} it is not yet started when the rests are read, and fails.
 */
public final class NotPropertiesFunction implements PropertiesFunction, CamelContextAware {
    private CamelContext context;

    @Override
    public String getName() {
        return "not";
    }

    @Override
    public String apply(String key) {
        String value = context.getPropertiesComponent().resolveProperty(key.strip()).orElse("false");
        return String.valueOf(!Boolean.parseBoolean(value.strip()));
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    @Override
    public void setCamelContext(CamelContext context) {
        this.context = context;
    }
}
