package io.bactrian.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.bactrian.testing.MonitorProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the default database took is kept through a {@code kill -9} that comes right after the
 * commit: a silence, an alert state, a queued alert. H2 otherwise keeps the last second of
 * commits in memory before it writes them to its file.
 */
class H2CommitsSurviveAKillTest {
    @TempDir
    Path dir;

    /** Commits one row to the default database of the folder given, says so, then waits to be killed. */
    public static void main(String[] args) throws Exception {
        try (Connection c = new Database(Database.h2Url(Path.of(args[0])), "", "").connect();
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept(v VARCHAR(20))");
            s.execute("INSERT INTO kept VALUES ('committed')");
            System.out.println("committed");
            Thread.sleep(60_000);
        }
    }

    @Test
    void aCommitRightBeforeAKillIsThereAfterIt() throws Exception {
        try (MonitorProcess writer = MonitorProcess.start(dir, System.getProperty("java.class.path"),
                H2CommitsSurviveAKillTest.class.getName(), List.of(), Map.of(), dir.toString())) {
            assertTrue(writer.awaitStdout("committed"::equals, Duration.ofSeconds(60)).isPresent(), writer.stdoutText());
        } // close: SIGKILL, as kill -9
        try (Connection c = new Database(Database.h2Url(dir), "", "").connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM kept")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
    }
}
