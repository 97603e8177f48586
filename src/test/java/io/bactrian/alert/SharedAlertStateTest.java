package io.bactrian.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import io.bactrian.core.CheckResult;
import io.bactrian.store.Database;
import io.bactrian.testing.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert state as instances share it: several books on one database (each with its own
 * connection, as separate instances have) apply checks of one monitor at the same moment, and
 * the incident is still announced once.
 */
class SharedAlertStateTest {
    private static final Instant T0 = Instant.parse("2026-11-24T00:00:00Z");

    @TempDir
    Path tmp;

    private final AtomicLong clock = new AtomicLong();

    private CheckResult check(boolean up) {
        return new CheckResult("shop", "http://shop/", T0.plusSeconds(clock.incrementAndGet()), up,
                up ? null : "unexpected status", up ? null : "HTTP 503", "", null);
    }

    /** Four books, two threads each, all checking at once: first 20 failures each, then 20 successes each. */
    private List<AlertKind> race(Database database) throws Exception {
        AlertRule rule = new AlertRule(3, 2, Duration.ZERO, true);
        List<AlertBook> books = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            books.add(new AlertBook(database));
        }
        List<AlertKind> notices = new CopyOnWriteArrayList<>();
        try {
            for (boolean up : new boolean[]{false, true}) {
                CountDownLatch start = new CountDownLatch(1);
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    AlertBook book = books.get(t % books.size());
                    Thread thread = new Thread(() -> {
                        try {
                            start.await();
                            for (int n = 0; n < 20; n++) {
                                book.record(rule, check(up)).ifPresent(e -> notices.add(e.kind()));
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                    thread.start();
                    threads.add(thread);
                }
                start.countDown();
                for (Thread thread : threads) {
                    thread.join(120_000);
                }
            }
        } finally {
            books.forEach(AlertBook::close);
        }
        return notices;
    }

    @Test
    void instancesSharingPostgresAnnounceAnIncidentOnce() throws Exception {
        Database postgres = new Database(Postgres.newDatabase(), "postgres", "");
        assertEquals(List.of(AlertKind.DOWN, AlertKind.RESOLVED), race(postgres));
    }

    @Test
    void theDefaultH2DatabaseKeepsTheSameRule() throws Exception {
        Database h2 = new Database(Database.h2Url(tmp), "", "");
        assertEquals(List.of(AlertKind.DOWN, AlertKind.RESOLVED), race(h2));
    }

    @Test
    void stateFilesOfEarlierVersionsAreImportedOnce() throws Exception {
        Path state = Files.createDirectories(tmp.resolve("data/state"));
        Files.writeString(state.resolve("shop.json"), """
                {"status":"DOWN","failuresInRow":5,"successesInRow":0,"failingSince":"2026-11-24T00:00:00Z",
                 "lastNoticeAt":"2026-11-24T00:02:00Z","failureClass":"timeout","reason":"timed out"}""");
        Database database = new Database(Postgres.newDatabase(), "postgres", "");
        try (AlertBook book = new AlertBook(database)) {
            book.importFiles(state);
            assertEquals(AlertState.Status.DOWN, book.state("shop").orElseThrow().status);
            assertFalse(Files.exists(state.resolve("shop.json")), "nothing reads the file any more");
            assertTrue(Files.exists(state.resolve("shop.json.imported")));
            // down before the upgrade, so recovering gives the RESOLVED of that incident, timed from its start
            AlertRule rule = new AlertRule(3, 1, Duration.ZERO, true);
            AlertEvent resolved = book.record(rule, new CheckResult("shop", "http://shop/", T0.plusSeconds(600), true,
                    null, null, "", null)).orElseThrow();
            assertEquals(AlertKind.RESOLVED, resolved.kind());
            assertEquals(Duration.ofMinutes(10), resolved.downFor());
        }
        // a second start finds no file to import and keeps the database's state
        Files.writeString(state.resolve("shop.json"), "{\"status\":\"DOWN\"}");
        try (AlertBook book = new AlertBook(database)) {
            book.importFiles(state);
            assertEquals(AlertState.Status.UP, book.state("shop").orElseThrow().status, "the database's row wins");
        }
    }
}
