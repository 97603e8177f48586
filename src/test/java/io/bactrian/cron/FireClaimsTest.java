package io.bactrian.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import io.bactrian.store.Database;
import io.bactrian.testing.Postgres;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one real PostgreSQL claiming fire times: a fire time one of them has claimed
 * is refused to the other, and claims from more than an hour ago are cleaned away.
 */
class FireClaimsTest {

    @Test
    void aFireTimeClaimedByOneInstanceIsRefusedToAnotherAndOldClaimsGo() throws Exception {
        String url = Postgres.newDatabase();
        Database database = new Database(url, "postgres", "");
        long now = System.currentTimeMillis();
        long second = now - now % 1000;
        long longAgo = second - 2 * 3_600_000;
        try (FireClaims a = new FireClaims(database); FireClaims b = new FireClaims(database)) {
            assertTrue(a.claim("shop", longAgo, "instance-a"));
            assertTrue(a.claim("shop", second, "instance-a"), "a fire time nobody has claimed");
            assertFalse(b.claim("shop", second, "instance-b"), "the same fire time, on another instance");
            assertFalse(a.claim("shop", second, "instance-a"), "a fire time is run once, even where it was claimed");
            assertTrue(b.claim("shop", second + 1000, "instance-b"), "the next fire time");
            assertTrue(b.claim("cart", second, "instance-b"), "another monitor's fire time");
        }
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT monitor || ' ' || (fire_ms - " + second + ") || ' ' || instance"
                     + " FROM cm_fire ORDER BY fire_ms, monitor")) {
            StringBuilder rows = new StringBuilder();
            while (rs.next()) {
                rows.append(rs.getString(1)).append('\n');
            }
            // the claim from two hours ago went at the first clean-up
            assertEquals("cart 0 instance-b\nshop 0 instance-a\nshop 1000 instance-b\n", rows.toString());
        }
    }
}
