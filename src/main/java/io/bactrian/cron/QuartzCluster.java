package io.bactrian.cron;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import io.bactrian.core.Durations;
import io.bactrian.store.Database;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz with its clustered JDBC job store in the PostgreSQL database of {@code history.jdbc-url}
 * ({@code cluster.enabled = true}): instances with the same {@code camel.main.name} share the
 * triggers, and each fire time runs on exactly one of them. An instance that stops checking in
 * for {@code cluster.checkin-interval} plus 7.5 s is taken for dead; the others release what it
 * held and go on firing its schedules.
 */
final class QuartzCluster {
    private static final Logger LOG = LoggerFactory.getLogger(QuartzCluster.class);
    private static final String TABLES = "org/quartz/impl/jdbcjobstore/tables_postgres.sql";
    private static final int THREADS = 10;
    static final String CHECKIN_INTERVAL = "cluster.checkin-interval";

    private QuartzCluster() {
    }

    /** Puts a clustered Quartz component in the registry, where Camel takes it from when a schedule first needs it. */
    static void install(CamelContext context) throws Exception {
        // start-up has checked that it is PostgreSQL (ClusterSettingsCheck)
        Database database = Database.of(context);
        long checkin = Durations.positive(CHECKIN_INTERVAL, context.getPropertiesComponent().resolveProperty(CHECKIN_INTERVAL)
                .orElse("5s")).toMillis();
        createTables(database);
        QuartzComponent quartz = new QuartzComponent();
        quartz.setProperties(properties(database, checkin));
        quartz.setEnableJmx(false);
        context.getRegistry().bind("quartz", quartz);
        LOG.info("Schedules shared through {} (cluster check-in every {} ms)", database, checkin);
    }

    static Properties properties(Database database, long checkinMillis) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.scheduler.instanceIdGenerator.class", InstanceIds.class.getName());
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(THREADS));
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(checkinMillis));
        // Without it an instance takes a trigger without Quartz's row lock: it reads the trigger, and
        // when another instance fires that fire time before it marks the trigger as taken (the state
        // is back to waiting by then), it still takes it and runs the same fire time again
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        p.setProperty("org.quartz.jobStore.dataSource", "monitor");
        p.setProperty("org.quartz.dataSource.monitor.provider", "hikaricp");
        p.setProperty("org.quartz.dataSource.monitor.driver", "org.postgresql.Driver");
        p.setProperty("org.quartz.dataSource.monitor.URL", database.url());
        p.setProperty("org.quartz.dataSource.monitor.user", database.user());
        p.setProperty("org.quartz.dataSource.monitor.password", database.password());
        // Quartz's advice for a clustered store: a connection per worker thread and three more
        p.setProperty("org.quartz.dataSource.monitor.maxConnections", String.valueOf(THREADS + 3));
        return p;
    }

    /** Creates Quartz's tables from the script in its jar when they are missing; never drops anything. */
    static void createTables(Database database) throws SQLException, IOException {
        try (Connection c = database.connect()) {
            if (exists(c)) {
                return;
            }
            String script;
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(TABLES)) {
                if (in == null) {
                    throw new IOException(TABLES + " is missing from the Quartz jar");
                }
                script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String statement : script.replaceAll("(?m)^--.*$", "").split(";")) {
                    String sql = statement.strip();
                    if (!sql.isEmpty() && !sql.toUpperCase().startsWith("DROP ") && !sql.equalsIgnoreCase("COMMIT")) {
                        s.execute(sql);
                    }
                }
                c.commit();
                LOG.info("Created the Quartz tables in {}", database);
            } catch (SQLException e) {
                c.rollback();
                // another instance starting at the same moment may have created them first
                if (!exists(c)) {
                    throw e;
                }
            }
        }
    }

    private static boolean exists(Connection c) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, null, "qrtz_locks", null)) {
            return rs.next();
        }
    }
}
