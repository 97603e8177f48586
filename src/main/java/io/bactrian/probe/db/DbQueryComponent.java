package io.bactrian.probe.db;

import io.bactrian.endpoint.StepEndpoint;
import io.bactrian.endpoint.VerbatimComponent;
import org.apache.camel.spi.annotations.Component;

/**
 * {@code db-query:<label>?jdbcUrl=...&query=connections&thresholds=used_pct >= 90}: runs a query on
 * MySQL, MariaDB or PostgreSQL through a small connection pool and gives a check result whose
 * detail is the {@link QueryReport}.
 */
@Component("db-query")
public class DbQueryComponent extends VerbatimComponent {

    @Override
    protected StepEndpoint newEndpoint(String uri, String label) {
        return new DbQueryEndpoint(uri, this, label);
    }
}
