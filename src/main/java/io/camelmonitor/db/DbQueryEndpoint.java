package io.camelmonitor.db;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.camelmonitor.alert.CheckResult;
import io.camelmonitor.endpoint.PerMonitor;
import io.camelmonitor.monitor.Monitor;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.util.TimeUtils;

/** A database monitor's query and its pool; the pool lives as long as the route. */
public class DbQueryEndpoint extends DefaultEndpoint {
    private final String label;
    private String jdbcUrl = "";
    private String username = "";
    private String password = "";
    private String query;
    private String thresholds = "";
    private String timeout = "10s";
    private String connectTimeout = "5s";
    private int poolSize = 2;

    DbQueryEndpoint(String uri, DbQueryComponent component, String label) {
        super(uri, component);
        this.label = label;
    }

    MonitoringQuery query() {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("query: not set: name a ready-made query ("
                    + String.join(", ", ReadyQueries.NAMES) + ") or write the SQL");
        }
        if (ReadyQueries.isName(query)) {
            ReadyQueries.check(query);
        }
        return new MonitoringQuery(query, ColumnConditions.parse(thresholds), millis("timeout", timeout));
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
            // one driver for both: MariaDB's speaks to MySQL, and takes jdbc:mysql: when told so
            c.setJdbcUrl(url.toLowerCase(Locale.ROOT).startsWith("jdbc:mysql:")
                    ? url + (url.contains("?") ? "&" : "?") + "permitMysqlScheme" : url);
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize: must be at least 1, got " + poolSize);
        }
        long connectMs = millis("connectTimeout", connectTimeout);
        if (connectMs < 250) {
            throw new IllegalArgumentException("connectTimeout: at least 250ms, got '" + connectTimeout + "'");
        }
        c.setPoolName("db-query-" + label);
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

    private static long millis(String name, String value) {
        long ms;
        try {
            ms = TimeUtils.toMilliSeconds(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + ": '" + value + "' is not a duration: write e.g. 5s or 2500ms");
        }
        if (ms <= 0) {
            throw new IllegalArgumentException(name + ": must be positive, got '" + value + "'");
        }
        return ms;
    }

    /** The database as alerts name it: the URL without its parameters, which may hold secrets. */
    String target() {
        String url = jdbcUrl == null ? "" : jdbcUrl.strip();
        int q = url.indexOf('?');
        return (q < 0 ? url : url.substring(0, q)).replaceAll("//[^/@]*@", "//");
    }

    @Override
    public Producer createProducer() throws Exception {
        return PerMonitor.producer(this, label, this::ownProducer);
    }

    private Producer ownProducer() {
        MonitoringQuery monitoring = query();
        long timeoutMs = millis("timeout", timeout);
        return new DefaultProducer(this) {
            private HikariDataSource pool;

            @Override
            protected void doStart() {
                pool = new HikariDataSource(poolConfig());
            }

            @Override
            protected void doStop() {
                if (pool != null) {
                    pool.close();
                    pool = null;
                }
            }

            @Override
            public void process(Exchange exchange) {
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
        };
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

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("db-query:" + label + " can only be sent to");
    }

    public String getLabel() {
        return label;
    }

    public String getJdbcUrl() {
        return jdbcUrl;
    }

    /** {@code jdbc:mysql://host:3306/db}, {@code jdbc:mariadb://...} or {@code jdbc:postgresql://host:5432/db}. */
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

    /** From the environment or a property; Camel masks it in endpoint URIs and it is never logged. */
    public void setPassword(String password) {
        this.password = password;
    }

    public String getQuery() {
        return query;
    }

    /** A ready-made query's name (threads-running, connections, replication, slow-queries) or SQL. */
    public void setQuery(String query) {
        this.query = query;
    }

    public String getThresholds() {
        return thresholds;
    }

    /** Comma-separated conditions on the returned columns, each met by a row in trouble. */
    public void setThresholds(String thresholds) {
        this.thresholds = thresholds;
    }

    public String getTimeout() {
        return timeout;
    }

    /** Limit of the query, in whole seconds (rounded up). */
    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }

    public String getConnectTimeout() {
        return connectTimeout;
    }

    /** How long a check waits for a connection from the pool (and so for the database to accept one). */
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
