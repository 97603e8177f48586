package io.bactrian.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The one database of the history, the alert state and (with {@code cluster.enabled}) the
 * shared schedules: {@code history.jdbc-url}, {@code history.jdbc-user},
 * {@code history.jdbc-password}; without a URL an H2 file in the data folder.
 */
public record Database(String url, String user, String password) {

    public static Database of(CamelContext context) {
        return of(context.getPropertiesComponent());
    }

    /** The history database that {@code props} name. */
    public static Database of(PropertiesComponent props) {
        String url = props.resolveProperty("history.jdbc-url").orElse("").trim();
        String dataDir = props.resolveProperty("bactrian.data-dir").orElse("data");
        return new Database(url.isEmpty() ? h2Url(Path.of(dataDir)) : url,
                props.resolveProperty("history.jdbc-user").orElse(""),
                props.resolveProperty("history.jdbc-password").orElse(""));
    }

    /**
     * The default database: an H2 file in the data folder. Each commit is written to the file at
     * once (WRITE_DELAY=0): by default H2 holds the last second of commits in memory, and a
     * {@code kill -9} lost them, a queued alert or a silence among them.
     */
    public static String h2Url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("history").resolve("history")
                .toString().replace('\\', '/') + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(SqlDialect.driverUrl(url), user, password);
    }

    public boolean postgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    /** The URL without its options, for logs; never the password. */
    @Override
    public String toString() {
        return url.replaceAll("[;?].*", "");
    }
}
