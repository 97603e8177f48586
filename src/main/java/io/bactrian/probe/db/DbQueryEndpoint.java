package io.bactrian.probe.db;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.bactrian.core.CheckResult;
import io.bactrian.core.Durations;
import io.bactrian.endpoint.CheckEndpoint;
import io.bactrian.monitor.Monitor;
import io.bactrian.store.SqlDialect;
import org.apache.camel.Category;
import org.apache.camel.Exchange;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;

/** A database monitor's query and its pool; the pool lives as long as the route. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "db-query", title = "Database Query", syntax = "db-query:label",
        category = {Category.MONITORING, Category.DATABASE}, producerOnly = true)
public class DbQueryEndpoint extends CheckEndpoint {
    @UriParam(description = "jdbc:mysql://host:3306/db, jdbc:mariadb://... or jdbc:postgresql://host:5432/db")
    @Metadata(required = true)
    private String jdbcUrl = "";
    @UriParam(description = "The database user")
    private String username = "";
    @UriParam(description = "The database user's password; from the environment or a property", secret = true)
    private String password = "";
    @UriParam(description = "A ready-made query's name (threads-running, connections, replication, slow-queries) or SQL")
    @Metadata(required = true)
    private String query;
    @UriParam(description = "Comma-separated conditions on the returned columns, each met by a row in trouble")
    private String thresholds = "";
    @UriParam(description = "How long a check waits for a connection from the pool (and so for the database to"
            + " accept one); at least 250ms", defaultValue = "5s", javaType = "java.time.Duration")
    private String connectTimeout = "5s";
    @UriParam(description = "Connections in the monitor's pool", defaultValue = "2")
    private int poolSize = 2;
    private MonitoringQuery monitoring;
    private long timeoutMs;
    private HikariDataSource pool;

    DbQueryEndpoint(String uri, DbQueryComponent component, String label) {
        super(uri, component, label, "10s");
    }

    MonitoringQuery query() {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("query: not set: name a ready-made query ("
                    + String.join(", ", ReadyQueries.NAMES) + ") or write the SQL");
        }
        if (ReadyQueries.isName(query)) {
            ReadyQueries.check(query);
        }
        return new MonitoringQuery(query, ColumnConditions.parse(thresholds), timeout().toMillis());
    }

    /** The pool's settings; the pool connects on the first check, so start-up never waits for the database. */
    HikariConfig poolConfig() {
        String url = jdbcUrl == null ? "" : jdbcUrl.strip();
        HikariConfig c = new HikariConfig();
        if (!url.isEmpty()) {
            if (!url.matches("(?i)jdbc:(mysql|mariadb|postgresql):.*")) {
                throw new IllegalArgumentException("jdbcUrl: '" + target() + "' is not a MySQL, MariaDB or PostgreSQL URL: "
                        + "write jdbc:mysql://host:3306/db, jdbc:mariadb://... or jdbc:postgresql://host:5432/db");
            }
            c.setJdbcUrl(SqlDialect.driverUrl(url));
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize: must be at least 1, got " + poolSize);
        }
        long connectMs = Durations.positive("connectTimeout", connectTimeout).toMillis();
        if (connectMs < 250) {
            throw new IllegalArgumentException("connectTimeout: at least 250ms, got '" + connectTimeout + "'");
        }
        c.setPoolName("db-query-" + getLabel());
        c.setUsername(username == null || username.isBlank() ? null : username);
        c.setPassword(password == null || password.isEmpty() ? null : password);
        c.setMaximumPoolSize(poolSize);
        c.setMinimumIdle(0); // no connection attempts between checks while the database is down
        c.setConnectionTimeout(connectMs);
        c.setValidationTimeout(Math.min(connectMs, 5000));
        c.setInitializationFailTimeout(-1);
        c.setReadOnly(true); // a monitor only looks
        return c;
    }

    /** The database as alerts name it: the URL without its parameters, which may hold secrets. */
    String target() {
        String url = jdbcUrl == null ? "" : jdbcUrl.strip();
        int q = url.indexOf('?');
        return (q < 0 ? url : url.substring(0, q)).replaceAll("//[^/@]*@", "//");
    }

    @Override
    protected void checkSettings() {
        query();
        poolConfig();
    }

    @Override
    protected void prepare() {
        monitoring = query();
        timeoutMs = timeout().toMillis();
    }

    @Override
    protected void openShared() {
        pool = new HikariDataSource(poolConfig());
    }

    @Override
    protected void closeShared() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    @Override
    protected void check(Exchange exchange) {
        String monitor = Monitor.idOf(exchange);
        CheckResult result;
        try {
            result = judge(monitor, monitoring.run(pool, target()));
        } catch (Exception e) {
            DbFailure f = DbFailure.of(e, timeoutMs);
            result = new CheckResult(monitor, target(), Instant.now(), false, f.failureClass(),
                    f.reason(), f.failureClass() + ": " + f.reason(), null);
        }
        exchange.getMessage().setBody(result);
    }

    static CheckResult judge(String monitor, QueryReport r) {
        String took = String.format(Locale.ROOT, " in %.1f ms", r.ms());
        String summary = r.rows().size() + " row(s)" + took;
        if (r.rows().size() == 1) {
            List<String> values = r.rows().get(0).values();
            summary = IntStream.range(0, values.size()).mapToObj(i -> r.columns().get(i) + " " + values.get(i))
                    .collect(Collectors.joining(", ")) + took;
        }
        List<String> problems = r.problems();
        if (problems.isEmpty()) {
            return new CheckResult(monitor, r.target(), r.at(), true, null, null, summary, r);
        }
        String reason = problems.size() <= 3 ? String.join("; ", problems)
                : String.join("; ", problems.subList(0, 3)) + " and " + (problems.size() - 3) + " more";
        return new CheckResult(monitor, r.target(), r.at(), false, "database threshold", reason, reason + " | " + summary, r);
    }

    public String getJdbcUrl() {
        return jdbcUrl;
    }

    public void setJdbcUrl(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }

    public String getThresholds() {
        return thresholds;
    }

    public void setThresholds(String thresholds) {
        this.thresholds = thresholds;
    }

    public String getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(String connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public int getPoolSize() {
        return poolSize;
    }

    public void setPoolSize(int poolSize) {
        this.poolSize = poolSize;
    }
}
