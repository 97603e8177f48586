package io.bactrian.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.bactrian.core.CheckResult;
import io.bactrian.core.Noteworthy;
import io.bactrian.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lifecycle as a table: a sequence of probe outcomes, one per minute, and the notices it yields. */
class AlertRuleTest {
    static final Instant T0 = Instant.parse("2026-11-24T00:00:00Z");

    @TempDir
    Path tmp;

    /**
     * 'u' up, 'd' down, 'n' up with news, one per minute; the result lists each notice as
     * "minute:KIND".
     */
    private List<String> run(AlertRule rule, String outcomes, AlertBook book) {
        List<String> notices = new ArrayList<>();
        for (int i = 0; i < outcomes.length(); i++) {
            boolean up = outcomes.charAt(i) != 'd';
            Noteworthy news = () -> "chapter 12 is out";
            CheckResult r = new CheckResult("m", "http://x/", T0.plus(Duration.ofMinutes(i)), up,
                    up ? null : "timeout", up ? null : "timed out", "", outcomes.charAt(i) == 'n' ? news : null);
            int minute = i;
            book.record(rule, r).ifPresent(e -> notices.add(minute + ":" + e.kind()
                    + (e.kind() == AlertKind.RESOLVED ? "(" + e.downFor().toMinutes() + "m)" : "")));
        }
        return notices;
    }

    /** A book on an H2 database in {@code tmp}; a second one on the same folder is the same state after a restart. */
    private AlertBook book() {
        return new AlertBook(new Database(Database.h2Url(tmp), "", ""));
    }

    private List<String> run(AlertRule rule, String outcomes) {
        return run(rule, outcomes, book());
    }

    @Test
    void oneDownAfterTheFailureThresholdOneResolvedAfterTheSuccessThreshold() {
        AlertRule rule = new AlertRule(3, 2, Duration.ZERO, true);
        assertEquals(List.of("4:DOWN", "8:RESOLVED(6m)"), run(rule, "uuddddduuu"));
    }

    @Test
    void newsFromAPassingCheckIsOneNoticeAndNeverHidesAResolved() {
        AlertRule rule = new AlertRule(2, 2, Duration.ZERO, true);
        // news while up: a NOTICE each time; news on the check that would resolve goes first,
        // the RESOLVED follows with the next passing check
        assertEquals(List.of("1:NOTICE", "2:NOTICE", "5:DOWN", "8:NOTICE", "9:RESOLVED(5m)", "10:NOTICE"),
                run(rule, "unnudddunun"));
    }

    @Test
    void failuresBelowTheThresholdStayQuiet() {
        AlertRule rule = new AlertRule(3, 2, Duration.ZERO, true);
        assertEquals(List.of(), run(rule, "ddudduddu"));
    }

    @Test
    void flappingDoesNotStormWhileDown() {
        AlertRule rule = new AlertRule(2, 3, Duration.ZERO, true);
        // up-blips shorter than the success threshold keep it DOWN: one DOWN, one RESOLVED,
        // and the incident is timed from its first failure
        assertEquals(List.of("1:DOWN", "12:RESOLVED(12m)"), run(rule, "ddududuudduuu"));
    }

    @Test
    void remindersNoMoreOftenThanTheInterval() {
        AlertRule rule = new AlertRule(1, 1, Duration.ofMinutes(3), true);
        assertEquals(List.of("0:DOWN", "3:REMINDER", "6:REMINDER", "9:REMINDER", "10:RESOLVED(10m)"),
                run(rule, "ddddddddddu"));
    }

    @Test
    void resolvedCanBeTurnedOff() {
        AlertRule rule = new AlertRule(1, 1, Duration.ZERO, false);
        assertEquals(List.of("0:DOWN"), run(rule, "dddu"));
    }

    @Test
    void stateSurvivesARestartSoNoSecondDown() {
        AlertRule rule = new AlertRule(2, 1, Duration.ZERO, true);
        assertEquals(List.of("1:DOWN"), run(rule, "ddd", book()));
        // a new book on the same folder, as after a restart: still down, so only the RESOLVED
        List<String> after = new ArrayList<>();
        AlertBook restarted = book();
        restarted.record(rule, new CheckResult("m", "x", T0.plusSeconds(600), false, "timeout", "t", "", null))
                .ifPresent(e -> after.add(e.kind().name()));
        restarted.record(rule, new CheckResult("m", "x", T0.plusSeconds(660), true, null, null, "", null))
                .ifPresent(e -> after.add(e.kind() + "(" + e.downFor().toMinutes() + "m)"));
        assertEquals(List.of("RESOLVED(11m)"), after);
    }

    /** The pure rule on a state silenced at minute {@code silencedAt} until {@code until} (null: until resolved). */
    private static List<String> silenced(String outcomes, int silencedAt, Instant until) {
        AlertRule rule = new AlertRule(1, 1, Duration.ofMinutes(2), true);
        AlertState state = new AlertState();
        List<String> notices = new ArrayList<>();
        for (int i = 0; i < outcomes.length(); i++) {
            if (i == silencedAt) {
                state.silence = new Silence("ada", T0.plus(Duration.ofMinutes(i)), until, "");
            }
            boolean up = outcomes.charAt(i) == 'u';
            int minute = i;
            rule.apply(state, new CheckResult("m", "http://x/", T0.plus(Duration.ofMinutes(i)), up, up ? null : "timeout",
                    up ? null : "timed out", "", null)).ifPresent(e -> notices.add(minute + ":" + e.kind()));
        }
        return notices;
    }

    @Test
    void aSilencedIncidentGetsNoRemindersItsResolvedGoesOutAndTheNextIncidentIsNotSilenced() {
        assertEquals(List.of("0:DOWN", "2:REMINDER", "4:REMINDER", "6:RESOLVED"), silenced("dddddduu", -1, null));
        // silenced at minute 1 until resolved: no reminder; the next incident reminds again
        assertEquals(List.of("0:DOWN", "6:RESOLVED", "7:DOWN", "9:REMINDER"), silenced("dddddduddd", 1, null));
        // silenced until minute 5: the reminders start again then
        assertEquals(List.of("0:DOWN", "5:REMINDER", "7:REMINDER"), silenced("dddddddd", 1, T0.plus(Duration.ofMinutes(5))));
    }
}
