package io.bactrian.endpoint;

import java.util.Map;

import io.bactrian.core.SensitiveNames;
import org.apache.camel.Endpoint;
import org.apache.camel.PropertyBindingException;
import org.apache.camel.spi.EndpointUriFactory;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.support.DefaultComponent;

/**
 * A component of this project: it makes a kind's endpoint, sets its parameters and has it check
 * them, so that bad settings fail the route at start-up. Its whole-number parameters are read
 * strictly: Camel's generated configurer would cut {@code failureThreshold=99999999999999} down
 * to some other number.
 */
public abstract class StepComponent extends DefaultComponent {

    /** The kind's endpoint for {@code label}, its parameters not set yet. */
    protected abstract StepEndpoint newEndpoint(String uri, String label);

    @Override
    protected final Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        StepEndpoint endpoint = newEndpoint(uri, remaining);
        setProperties(endpoint, parameters);
        if (PerMonitor.isKindStep(remaining)) {
            endpoint.checkDefaults(); // a kind's defaults: checked with each monitor's settings over them
        } else {
            endpoint.checkSettings();
        }
        return endpoint;
    }

    /** Camel masks a URI's parameters by its own words: those we mark secret are added to them. */
    @Override
    protected void doInit() throws Exception {
        super.doInit();
        EndpointUriFactory factory = getCamelContext().getCamelContextExtension().getEndpointUriFactory(getDefaultName());
        if (factory != null) {
            SensitiveNames.add(getCamelContext(), factory.secretPropertyNames());
        }
    }

    @Override
    protected void setProperties(Endpoint endpoint, Map<String, Object> parameters) throws Exception {
        PropertyConfigurer configurer = getEndpointPropertyConfigurer();
        if (configurer instanceof PropertyConfigurerGetter getter) {
            for (Map.Entry<String, Object> p : parameters.entrySet()) {
                Class<?> type = getter.getOptionType(p.getKey(), true);
                if (p.getValue() instanceof String text && (type == int.class || type == Integer.class
                        || type == long.class || type == Long.class)) {
                    try {
                        if (type == int.class || type == Integer.class) {
                            Integer.parseInt(text.strip());
                        } else {
                            Long.parseLong(text.strip());
                        }
                    } catch (NumberFormatException e) {
                        throw new PropertyBindingException(endpoint, p.getKey(), text, e);
                    }
                }
            }
        }
        super.setProperties(endpoint, parameters);
    }
}
