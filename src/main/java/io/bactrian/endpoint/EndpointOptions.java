package io.bactrian.endpoint;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.EndpointUriFactory;

/** An endpoint's option names, path and parameters, as its generated URI factory lists them, in any case. */
final class EndpointOptions {
    /** Read once per class: an endpoint is made per monitor of a kind. */
    private static final Map<Class<?>, Set<String>> NAMES = new ConcurrentHashMap<>();

    private EndpointOptions() {
    }

    static Set<String> of(Endpoint endpoint) {
        return NAMES.computeIfAbsent(endpoint.getClass(), c -> {
            String uri = endpoint.getEndpointUri();
            EndpointUriFactory factory = endpoint.getCamelContext().getCamelContextExtension()
                    .getEndpointUriFactory(uri.substring(0, uri.indexOf(':')));
            if (factory == null) {
                throw new IllegalStateException(c.getName() + " has no generated URI factory: build with camel-component-maven-plugin");
            }
            Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            names.addAll(factory.propertyNames());
            return Collections.unmodifiableSet(names);
        });
    }
}
