package io.bactrian.probe.db;

import java.util.Map;

import io.bactrian.endpoint.PerMonitor;
import io.bactrian.endpoint.VerbatimComponent;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;

/**
 * {@code db-query:<label>?jdbcUrl=...&query=connections&thresholds=used_pct >= 90}: runs a query on
 * MySQL, MariaDB or PostgreSQL through a small connection pool and gives a check result whose
 * detail is the {@link QueryReport}.
 */
@Component("db-query")
public class DbQueryComponent extends VerbatimComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        DbQueryEndpoint endpoint = new DbQueryEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        if (PerMonitor.isKindStep(remaining)) {
            return endpoint; // a kind's defaults: checked with each monitor's settings over them
        }
        endpoint.query(); // bad settings fail the route at start-up
        endpoint.poolConfig();
        return endpoint;
    }
}
