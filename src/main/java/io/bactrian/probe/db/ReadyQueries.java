package io.bactrian.probe.db;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ready-made queries, by name, in the dialect of the server asked: MySQL and MariaDB keep
 * their status counters in different tables, and only PostgreSQL has {@code pg_stat_activity}.
 * Their columns are named alike where the figure is alike, so thresholds carry over.
 */
final class ReadyQueries {
    static final List<String> NAMES = List.of("threads-running", "connections", "replication", "slow-queries");

    /** A query and the columns an alert shows (all when empty). */
    record Ready(String sql, List<String> shown) {
    }

    private static final Map<String, String> POSTGRES = Map.of(
            "threads-running", "SELECT count(*) FILTER (WHERE state = 'active' AND pid <> pg_backend_pid()) AS threads_running,"
                    + " count(*) AS threads_connected FROM pg_stat_activity WHERE backend_type = 'client backend'",
            "connections", "SELECT count(*) AS connections, current_setting('max_connections')::int AS max_connections,"
                    + " round(100.0 * count(*) / current_setting('max_connections')::int, 1) AS used_pct"
                    + " FROM pg_stat_activity WHERE backend_type = 'client backend'",
            "replication", "SELECT pg_is_in_recovery() AS replica, CASE WHEN NOT pg_is_in_recovery() THEN 0"
                    + " WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
                    + " ELSE round(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())::numeric, 1) END AS delay_seconds",
            "slow-queries", "SELECT pid, usename AS user, datname AS db,"
                    + " round(EXTRACT(EPOCH FROM clock_timestamp() - query_start)::numeric, 1) AS seconds, state,"
                    + " wait_event_type AS waiting_on, left(query, 100) AS query FROM pg_stat_activity"
                    + " WHERE state <> 'idle' AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
                    + " ORDER BY query_start LIMIT 10");

    private static final String MYSQL_COUNTERS = "SELECT MAX(CASE WHEN UPPER(VARIABLE_NAME) = 'THREADS_RUNNING'"
            + " THEN VARIABLE_VALUE END) + 0 AS threads_running, MAX(CASE WHEN UPPER(VARIABLE_NAME) = 'THREADS_CONNECTED'"
            + " THEN VARIABLE_VALUE END) + 0 AS threads_connected FROM %s";
    private static final String MYSQL_CONNECTIONS = "SELECT c.v AS connections, @@max_connections AS max_connections,"
            + " ROUND(100 * c.v / @@max_connections, 1) AS used_pct FROM (SELECT VARIABLE_VALUE + 0 AS v FROM %s"
            + " WHERE UPPER(VARIABLE_NAME) = 'THREADS_CONNECTED') c";
    private static final String MYSQL_SLOW = "SELECT ID AS id, USER AS user, DB AS db, TIME AS seconds, STATE AS state,"
            + " LEFT(INFO, 100) AS query FROM information_schema.PROCESSLIST WHERE COMMAND = 'Query'"
            + " AND ID <> CONNECTION_ID() ORDER BY TIME DESC LIMIT 10";

    private ReadyQueries() {
    }

    static boolean isName(String query) {
        return query != null && query.strip().matches("[a-z]+(-[a-z]+)*");
    }

    static void check(String name) {
        if (!NAMES.contains(name.strip())) {
            throw new IllegalArgumentException("query: no ready-made query '" + name.strip() + "': use one of "
                    + String.join(", ", NAMES) + ", or write the SQL");
        }
    }

    /** The named query for a server whose product name (JDBC metadata) is {@code product}. */
    static Ready of(String name, String product) {
        String p = product.toLowerCase(Locale.ROOT);
        if (p.contains("postgres")) {
            return new Ready(POSTGRES.get(name), List.of());
        }
        boolean mariadb = p.contains("mariadb");
        // MySQL 5.7 and later keep the counters in performance_schema; MariaDB in information_schema
        String counters = mariadb ? "information_schema.GLOBAL_STATUS" : "performance_schema.global_status";
        return switch (name) {
            case "threads-running" -> new Ready(String.format(MYSQL_COUNTERS, counters), List.of());
            case "connections" -> new Ready(String.format(MYSQL_CONNECTIONS, counters), List.of());
            case "replication" -> mariadb
                    ? new Ready("SHOW SLAVE STATUS", List.of("Master_Host", "Slave_IO_Running",
                            "Slave_SQL_Running", "Seconds_Behind_Master", "Last_Error"))
                    : new Ready("SHOW REPLICA STATUS", List.of("Source_Host", "Replica_IO_Running",
                            "Replica_SQL_Running", "Seconds_Behind_Source", "Last_Error"));
            default -> new Ready(MYSQL_SLOW, List.of());
        };
    }
}
