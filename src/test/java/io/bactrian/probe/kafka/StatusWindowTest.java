package io.bactrian.probe.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Burrow's window rules, one fixture per row: offset histories (oldest first) and the expected
 * status. Rows made with {@code row} have no commit times (STALL and STOP go by whether a
 * consumer is assigned); rows made with {@code timed} carry the last commit time per observation.
 */
class StatusWindowTest {

    static Stream<Arguments> fixtures() {
        return Stream.of(
                // name, committed offsets, lags, consumer assigned (per observation), expected
                row("idle topic, zero lag, no consumer", "100 100 100 100 100", "0 0 0 0 0", "n n n n n", LagStatus.OK),
                row("idle topic, zero lag, consumer", "100 100 100 100 100", "0 0 0 0 0", "y y y y y", LagStatus.OK),
                row("consuming, lag going down", "100 150 200 250 300", "50 40 30 20 10", "y y y y y", LagStatus.OK),
                row("consuming, lag steady", "100 150 200 250 300", "20 20 20 20 20", "y y y y y", LagStatus.OK),
                row("consumer keeps up, lag up and down", "100 150 200 250 300", "5 9 3 8 4", "y y y y y", LagStatus.OK),
                row("lag growing, offset moving", "100 110 120 130 140", "10 20 30 40 50", "y y y y y", LagStatus.WARN),
                row("lag growing with a flat step", "100 110 120 130 140", "10 20 20 40 50", "y y y y y", LagStatus.WARN),
                row("offset stuck, consumer assigned", "100 100 100 100 100", "5 8 12 12 20", "y y y y y", LagStatus.STALL),
                row("offset stuck, lag flat, consumer assigned", "100 100 100 100 100", "7 7 7 7 7", "y y y y y",
                        LagStatus.STALL),
                row("no commits, no consumer", "100 100 100 100 100", "5 8 12 12 20", "n n n n n", LagStatus.STOP),
                row("consumer gone just now", "100 100 100 100 100", "5 8 12 12 20", "y y y y n", LagStatus.STOP),
                row("no consumer, lag was zero in window", "100 100 100 100 100", "0 1 1 1 1", "n n n n n", LagStatus.OK),
                row("no consumer, caught up now", "100 100 100 100 105", "5 5 5 5 0", "n n n n n", LagStatus.OK),
                row("offset went back", "100 110 120 50 60", "10 10 10 80 70", "y y y y y", LagStatus.REWIND),
                row("offset went back at the last look", "100 110 120 130 40", "10 10 10 10 100", "y y y y y",
                        LagStatus.REWIND),
                row("rewind recovered", "100 50 120 130 140", "10 60 10 10 10", "y y y y y", LagStatus.OK),
                row("window not full yet, stuck", "100 100 100", "5 8 12", "n n n", LagStatus.OK),
                row("window not full yet, rewound", "100 50", "5 60", "y y", LagStatus.REWIND),
                row("older observations slid out: stuck over the last five", "50 100 100 100 100 100",
                        "0 5 6 7 8 9", "y y y y y y", LagStatus.STALL),
                // name, committed offsets, lags, last commit time, consumer assigned, expected
                timed("commits the same offset again and again", "100 100 100 100 100", "5 8 12 12 20", "1 2 3 4 5",
                        "y y y y y", LagStatus.STALL),
                timed("assigned and polling but no commit in the window", "100 100 100 100 100", "5 8 12 12 20",
                        "1 1 1 1 1", "y y y y y", LagStatus.STOP),
                timed("no commit in the window, no consumer", "100 100 100 100 100", "5 8 12 12 20", "1 1 1 1 1",
                        "n n n n n", LagStatus.STOP),
                timed("one commit of the same offset inside the window", "100 100 100 100 100", "5 8 12 12 20",
                        "1 1 1 4 4", "n n n n n", LagStatus.STALL),
                timed("idle topic, zero lag, no commits", "100 100 100 100 100", "0 0 0 0 0", "1 1 1 1 1",
                        "n n n n n", LagStatus.OK),
                timed("lag growing, commits moving", "100 110 120 130 140", "10 20 30 40 50", "1 2 3 4 5",
                        "y y y y y", LagStatus.WARN),
                timed("offset set back, nothing committed since", "100 100 100 20 20", "0 0 0 80 80", "1 1 1 2 2",
                        "n n n n n", LagStatus.REWIND),
                timed("commit time unknown at the window's start: membership decides", "100 100 100 100 100",
                        "5 8 12 12 20", "-1 1 1 1 1", "y y y y y", LagStatus.STALL));
    }

    private static Arguments row(String name, String committed, String lags, String assigned, LagStatus expected) {
        return timed(name, committed, lags, String.join(" ", java.util.Collections.nCopies(lags.split(" ").length, "-1")),
                assigned, expected);
    }

    private static Arguments timed(String name, String committed, String lags, String commits, String assigned,
                                   LagStatus expected) {
        return Arguments.of(name, longs(committed), longs(lags), longs(commits), assigned.split(" "), expected);
    }

    private static long[] longs(String s) {
        return Arrays.stream(s.split(" ")).mapToLong(Long::parseLong).toArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void status(String name, long[] committed, long[] lags, long[] commits, String[] assigned, LagStatus expected) {
        StatusWindow w = new StatusWindow(5);
        for (int i = 0; i < committed.length; i++) {
            w.add(committed[i], lags[i], commits[i], assigned[i].equals("y"));
        }
        assertEquals(expected, w.status(0), name);
    }

    @ParameterizedTest(name = "allowed lag 10: {0}")
    @MethodSource("allowedFixtures")
    void allowedLag(String name, long[] committed, long[] lags, long[] commits, String[] assigned, LagStatus expected) {
        StatusWindow w = new StatusWindow(5);
        for (int i = 0; i < committed.length; i++) {
            w.add(committed[i], lags[i], commits[i], assigned[i].equals("y"));
        }
        assertEquals(expected, w.status(10), name);
    }

    static Stream<Arguments> allowedFixtures() {
        return Stream.of(
                row("stuck but within allowed lag", "100 100 100 100 100", "5 6 7 8 9", "y y y y y", LagStatus.OK),
                row("stuck, was within allowed lag in window", "100 100 100 100 100", "5 8 12 14 20", "y y y y y",
                        LagStatus.OK),
                row("stuck above allowed lag", "100 100 100 100 100", "11 12 13 14 20", "y y y y y", LagStatus.STALL));
    }
}
